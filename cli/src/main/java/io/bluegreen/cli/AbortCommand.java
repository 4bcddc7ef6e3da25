package io.bluegreen.cli;

import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.log.OperatorLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "abort", mixinStandardHelpOptions = true,
        description = "Remove APP's colour waiting after 'deploy --no-switch'; the live colour and the router stay as they are.")
public final class AbortCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    SpecOptions spec;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        new BlueGreenDeploy(engine.connect(log), log).abort(spec.spec(null));
        return 0;
    }
}
