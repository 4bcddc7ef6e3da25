package io.jenkins.plugins.bluegreen.deploy;

import hudson.Extension;
import io.bluegreen.deploy.DeployFailedException;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.RolloutFailedException;
import io.bluegreen.deploy.Target;
import io.jenkins.plugins.bluegreen.EngineStepDescriptor;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code blueGreenPromote app: 'shop-web', target: 'staging'}: switches to the colour this build deployed
 * with {@code promotion: 'manual'}. Its pre-promotion checks run on the preview first, its post-promotion
 * checks on the live router after the switch (a failure switches back), then the old colour drains and
 * stops. A colour past its deadline whose terms say abort is removed instead, and the step fails.
 */
public class BlueGreenPromoteStep extends WaitingColourStep {
    @DataBoundConstructor
    public BlueGreenPromoteStep(String app) {
        super(app);
    }

    @Override
    protected String verb() {
        return "promote";
    }

    @Override
    protected Map<String, Object> decide(Target deployer, DeploySpec spec, PromotionAction waiting,
                                         ResolvedTarget target) {
        DeployRecord record = waiting.newRecord(target);
        DeployAction.of(waiting.getRun()).add(record);
        try {
            record.rolledOut(deployer.promote(spec));
            waiting.decided(PromotionAction.State.PROMOTED, "promoted: live on " + record.getColour());
            return record.toStepResult();
        } catch (DeployFailedException e) {
            record.failed(e);
            waiting.decided(PromotionAction.State.REFUSED, e.getMessage());
            throw e;
        } catch (RolloutFailedException e) {
            record.stopped(e);
            waiting.decided(PromotionAction.State.REFUSED, e.getMessage());
            throw e;
        }
    }

    @Extension
    @Symbol("blueGreenPromote")
    public static class DescriptorImpl extends EngineStepDescriptor {
        @Override
        public String getFunctionName() {
            return "blueGreenPromote";
        }

        @Override
        public String getDisplayName() {
            return "Promote the colour waiting after a blue-green deploy";
        }
    }
}
