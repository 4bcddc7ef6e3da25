package io.bluegreen.cli;

import io.bluegreen.deploy.AppStatus;
import io.bluegreen.deploy.ContainerStatus;
import io.bluegreen.deploy.Target;
import io.bluegreen.deploy.TargetStatus;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.router.RouterSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show APP's live colour, commit, digest, since when, and each container's health, read from the engine;"
                + " over many --host, each host's live commit and the hosts that drift from the majority.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Mixin
    AppOptions app;

    @Override
    public Integer call() {
        RouterSettings router = app.router();
        try (Target readFrom = target.open(OperatorLog.to(System.err), null)) {
            TargetStatus status = readFrom.status(app.app, router);
            if (status.hosts().size() > 1) {
                printHosts(status);
            } else {
                printOne(status.hosts().get(0).status());
            }
            readFrom.awaiting(app.app, router).ifPresent(waiting -> {
                System.out.println("  awaiting promotion: " + waiting.colour().label() + "  " + waiting.image() + "  commit "
                        + waiting.commit() + "  deploy " + waiting.deployId() + "  until " + waiting.deadline() + ", then "
                        + waiting.terms().atDeadline().label());
                System.out.println("  preview: " + readFrom.preview(waiting, router));
            });
            return 0;
        }
    }

    private static void printOne(AppStatus one) {
        System.out.println(one.app() + ": live " + one.live().map(Colour::label).orElse("none")
                + one.liveContainers().stream().findFirst()
                        .map(c -> "  commit " + c.commit() + "  " + c.digest() + "  since " + c.deployedAt()).orElse(""));
        one.lockHolder().ifPresent(holder -> System.out.println("  locked by " + holder));
        print(one.containers());
    }

    private static void printHosts(TargetStatus status) {
        for (TargetStatus.HostStatus host : status.hosts()) {
            System.out.println(host.host() + ": " + (host.reached()
                    ? "live " + host.status().live().map(Colour::label).orElse("none") + "  commit " + host.liveCommit()
                            + host.status().liveContainers().stream().findFirst()
                                    .map(c -> "  " + c.digest() + "  deploy " + c.deployId() + "  since " + c.deployedAt()).orElse("")
                            + host.status().lockHolder().map(holder -> "  locked by " + holder).orElse("")
                    : "NOT READ: " + host.problem()));
        }
        System.out.println(status.drift().isEmpty()
                ? "no drift: every host read serves commit " + status.majorityCommit().orElse(TargetStatus.NOTHING_LIVE)
                : "DRIFT from commit " + status.majorityCommit().orElseThrow() + ": " + String.join(", ",
                        status.drift().stream().map(h -> h.host() + " serves " + h.liveCommit()).toList()));
    }

    static void print(List<ContainerStatus> containers) {
        for (ContainerStatus c : containers) {
            System.out.printf("  %-32s %-5s %-8s %-24s commit %-10s deploy %s at %s%n", c.name(), c.colour(), c.state(),
                    c.health(), c.commit(), c.deployId(), c.deployedAt());
        }
    }
}
