package io.bluegreen.cli;

import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.PromotionTerms;
import io.bluegreen.deploy.WaitingColour;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.notify.DeployNotifications;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Start IMAGE as the idle colour of APP, prove it healthy, switch traffic to it, drain and stop the old one;"
                + " with --no-switch, leave it waiting on a preview for promote or abort.")
public final class DeployCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    SpecOptions spec;

    @Mixin
    NotifyOptions notify;

    @Mixin
    ReleaseOptions release;

    @Mixin
    PromotionOptions promotion;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        DeploySpec deploySpec = release.spec(spec);
        PromotionTerms terms = promotion.terms();
        DeployNotifications notifications = notify.notifications(log);
        BlueGreenDeploy deployer = new BlueGreenDeploy(engine.connect(log), log).withListener(notifications);
        if (!promotion.noSwitch) {
            deployer.deploy(deploySpec);
            return 0;
        }
        WaitingColour waiting = deployer.deployWithoutSwitch(deploySpec, terms);
        if (promotion.detach || deployer.awaitDecision(deploySpec, waiting)) {
            return 0;
        }
        System.err.println("error: " + deploySpec.app() + ": " + waiting.colour() + " (deploy " + waiting.deployId()
                + ") was not promoted; it is removed");
        return Main.FAILED;
    }
}
