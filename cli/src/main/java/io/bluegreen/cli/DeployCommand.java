package io.bluegreen.cli;

import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.notify.DeployNotifications;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Start IMAGE as the idle colour of APP, prove it healthy, switch traffic to it, drain and stop the old one.")
public final class DeployCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    SpecOptions spec;

    @Mixin
    NotifyOptions notify;

    @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "image on the engine to deploy")
    String image;

    @Option(names = "--commit", paramLabel = "SHA", description = "default: the image's org.opencontainers.image.revision label")
    String commit;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        DeploySpec deploySpec = spec.spec(image).withCommit(commit);
        DeployNotifications notifications = notify.notifications(log);
        notifications.started(deploySpec.app(), deploySpec.commit());
        new BlueGreenDeploy(engine.connect(log), log).withListener(notifications).deploy(deploySpec);
        return 0;
    }
}
