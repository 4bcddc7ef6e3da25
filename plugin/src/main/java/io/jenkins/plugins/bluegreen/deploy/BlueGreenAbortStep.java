package io.jenkins.plugins.bluegreen.deploy;

import hudson.Extension;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.Target;
import io.jenkins.plugins.bluegreen.EngineStepDescriptor;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code blueGreenAbort app: 'shop-web', target: 'staging'}: removes the colour this build deployed with
 * {@code promotion: 'manual'}. The live colour, its containers and the router's routes stay as they were.
 */
public class BlueGreenAbortStep extends WaitingColourStep {
    @DataBoundConstructor
    public BlueGreenAbortStep(String app) {
        super(app);
    }

    @Override
    protected String verb() {
        return "abort";
    }

    @Override
    protected Map<String, Object> decide(Target deployer, DeploySpec spec, PromotionAction waiting,
                                         ResolvedTarget target) {
        deployer.abort(spec);
        waiting.decided(PromotionAction.State.ABORTED, "aborted: " + waiting.getColour() + " removed, nothing else changed");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("app", waiting.getApp());
        result.put("target", waiting.getTarget());
        result.put("aborted", waiting.getColour());
        return result;
    }

    @Extension
    @Symbol("blueGreenAbort")
    public static class DescriptorImpl extends EngineStepDescriptor {
        @Override
        public String getFunctionName() {
            return "blueGreenAbort";
        }

        @Override
        public String getDisplayName() {
            return "Abort the colour waiting after a blue-green deploy";
        }
    }
}
