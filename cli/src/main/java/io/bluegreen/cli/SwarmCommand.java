package io.bluegreen.cli;

import io.bluegreen.deploy.AppStatus;
import io.bluegreen.deploy.swarm.SwarmBlueGreenDeploy;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code bluegreen swarm deploy|rollback|status}: the same deploy with a Docker Swarm as the target.
 * --engine names a manager; each colour is a service, and the router is a global nginx service that
 * publishes its port on every node.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true,
        description = "Deploy to a Docker Swarm: colours as services, the router a global nginx service.",
        subcommands = {SwarmCommand.Deploy.class, SwarmCommand.Rollback.class, SwarmCommand.Status.class})
public final class SwarmCommand {

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Start IMAGE as the idle colour's service, wait for the Swarm to report its tasks healthy, switch, drain, scale the old one to 0.")
    static final class Deploy implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Mixin
        SpecOptions spec;

        @Mixin
        ReleaseOptions release;

        @Override
        public Integer call() {
            OperatorLog log = OperatorLog.to(System.out);
            new SwarmBlueGreenDeploy(engine.connect(log), log).deploy(release.spec(spec));
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Scale APP's previous colour back up, wait for it to be healthy, and switch back to it.")
    static final class Rollback implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Mixin
        SpecOptions spec;

        @Override
        public Integer call() {
            OperatorLog log = OperatorLog.to(System.out);
            new SwarmBlueGreenDeploy(engine.connect(log), log).rollback(spec.spec(null));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "APP's live colour on the Swarm, each colour's tasks with their node and state, and the lock holder.")
    static final class Status implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Parameters(index = "0", paramLabel = "APP", description = "app name")
        String app;

        @Override
        public Integer call() {
            AppStatus status = new SwarmBlueGreenDeploy(engine.connect(OperatorLog.to(System.err)), OperatorLog.to(System.err))
                    .status(app);
            System.out.println(app + ": live " + status.live().map(Colour::label).orElse("none"));
            status.lockHolder().ifPresent(holder -> System.out.println("  locked by " + holder));
            StatusCommand.print(status.containers());
            return 0;
        }
    }
}
