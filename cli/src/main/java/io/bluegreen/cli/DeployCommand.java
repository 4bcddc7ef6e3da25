package io.bluegreen.cli;

import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.notify.DeployNotifications;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Start IMAGE as the idle colour of APP, prove it healthy, switch traffic to it, drain and stop the old one.")
public final class DeployCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    SpecOptions spec;

    @Mixin
    NotifyOptions notify;

    @Mixin
    ReleaseOptions release;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        DeploySpec deploySpec = release.spec(spec);
        DeployNotifications notifications = notify.notifications(log);
        new BlueGreenDeploy(engine.connect(log), log).withListener(notifications).deploy(deploySpec);
        return 0;
    }
}
