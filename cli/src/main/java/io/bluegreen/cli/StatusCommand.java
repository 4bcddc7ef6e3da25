package io.bluegreen.cli;

import io.bluegreen.deploy.AppInspector;
import io.bluegreen.deploy.AppStatus;
import io.bluegreen.deploy.ContainerStatus;
import io.bluegreen.deploy.WaitingColour;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.router.RouterSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show APP's live colour, commit, digest, since when, and each container's health, read from the engine.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    AppOptions app;

    @Override
    public Integer call() {
        AppInspector inspector = new AppInspector(engine.connect(OperatorLog.to(System.err)));
        RouterSettings router = app.router();
        AppStatus status = inspector.status(app.app, router);
        System.out.println(app.app + ": live " + status.live().map(Colour::label).orElse("none")
                + status.liveContainers().stream().findFirst()
                        .map(c -> "  commit " + c.commit() + "  " + c.digest() + "  since " + c.deployedAt()).orElse(""));
        status.lockHolder().ifPresent(holder -> System.out.println("  locked by " + holder));
        inspector.awaiting(app.app, router).ifPresent(waiting -> printAwaiting(waiting, router));
        print(status.containers());
        return 0;
    }

    private static void printAwaiting(WaitingColour waiting, RouterSettings router) {
        System.out.println("  awaiting promotion: " + waiting.colour().label() + "  " + waiting.image() + "  commit "
                + waiting.commit() + "  deploy " + waiting.deployId() + "  until " + waiting.deadline() + ", then "
                + waiting.terms().atDeadline().label());
        System.out.println("  preview: " + waiting.previewCommand(router.reachAddress(), router.publishPort()));
    }

    static void print(List<ContainerStatus> containers) {
        for (ContainerStatus c : containers) {
            System.out.printf("  %-32s %-5s %-8s %-24s commit %-10s deploy %s at %s%n", c.name(), c.colour(), c.state(),
                    c.health(), c.commit(), c.deployId(), c.deployedAt());
        }
    }
}
