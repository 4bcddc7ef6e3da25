package io.bluegreen.cli;

import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.log.OperatorLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Switch APP back to its previous colour (started and health-checked first), or redeploy the previous image.")
public final class RollbackCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    SpecOptions spec;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        new BlueGreenDeploy(engine.connect(log), log).rollback(spec.spec(null));
        return 0;
    }
}
