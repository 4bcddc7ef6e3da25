package io.bluegreen.cli;

import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.log.OperatorLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Switch APP to its colour waiting after 'deploy --no-switch': pre-checks on the preview, the switch,"
                + " post-checks on the live router (a failure switches back), then drain and stop the old colour.")
public final class PromoteCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    SpecOptions spec;

    @Mixin
    NotifyOptions notify;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        new BlueGreenDeploy(engine.connect(log), log).withListener(notify.notifications(log)).promote(spec.spec(null));
        return 0;
    }
}
