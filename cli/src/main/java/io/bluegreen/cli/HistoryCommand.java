package io.bluegreen.cli;

import io.bluegreen.deploy.Target;
import io.bluegreen.deploy.TargetStatus;
import io.bluegreen.log.OperatorLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the deploys of APP the engine still holds, newest first (live, then the one rollback returns to);"
                + " over many --host, each host's.")
public final class HistoryCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Mixin
    AppOptions app;

    @Override
    public Integer call() {
        try (Target readFrom = target.open(OperatorLog.to(System.err), null)) {
            TargetStatus status = readFrom.status(app.app, app.router());
            for (TargetStatus.HostStatus host : status.hosts()) {
                if (status.hosts().size() > 1) {
                    System.out.println(host.host() + (host.reached() ? ":" : ": NOT READ: " + host.problem()));
                }
                if (host.reached()) {
                    StatusCommand.print(host.status().history());
                }
            }
            return 0;
        }
    }
}
