package io.bluegreen.cli;

import io.bluegreen.deploy.Target;
import io.bluegreen.log.OperatorLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "abort", mixinStandardHelpOptions = true,
        description = "Remove APP's colour waiting after 'deploy --no-switch'; the live colour and the router stay as they are.")
public final class AbortCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Mixin
    SpecOptions spec;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        try (Target waitingOn = target.open(log, null)) {
            waitingOn.abort(spec.spec(null));
        }
        return 0;
    }
}
