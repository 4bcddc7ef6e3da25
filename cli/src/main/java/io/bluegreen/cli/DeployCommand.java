package io.bluegreen.cli;

import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.PromotionTerms;
import io.bluegreen.deploy.Target;
import io.bluegreen.deploy.WaitingColour;
import io.bluegreen.log.OperatorLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Start IMAGE as the idle colour of APP, prove it healthy, switch traffic to it, drain and stop the old one;"
                + " over many --host in waves, canary first; with --no-switch, leave it waiting on a preview for promote or abort.")
public final class DeployCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Mixin
    SpecOptions spec;

    @Mixin
    NotifyOptions notify;

    @Mixin
    ReleaseOptions release;

    @Mixin
    PlanOptions plan;

    @Mixin
    PromotionOptions promotion;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        DeploySpec deploySpec = release.spec(spec);
        PromotionTerms terms = promotion.terms();
        try (Target deployTo = target.open(log, plan).withListener(notify.notifications(log))) {
            if (!promotion.noSwitch) {
                deployTo.deploy(deploySpec);
                return 0;
            }
            WaitingColour waiting = deployTo.deployWithoutSwitch(deploySpec, terms);
            if (promotion.detach || deployTo.awaitDecision(deploySpec, waiting)) {
                return 0;
            }
            System.err.println("error: " + deploySpec.app() + ": " + waiting.colour() + " (deploy " + waiting.deployId()
                    + ") was not promoted; it is removed");
            return Main.FAILED;
        }
    }
}
