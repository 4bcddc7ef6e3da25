package io.jenkins.plugins.bluegreen.deploy;

import hudson.Extension;
import io.jenkins.plugins.bluegreen.StepBuilder;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link BlueGreenPromoteStep} as a freestyle build step, after a deploy step of the same build with manual promotion. */
public class BlueGreenPromoteBuilder extends StepBuilder {
    private final BlueGreenPromoteStep step;

    @DataBoundConstructor
    public BlueGreenPromoteBuilder(BlueGreenPromoteStep step) {
        this.step = step;
    }

    public BlueGreenPromoteStep getStep() {
        return step;
    }

    @Override
    protected BlueGreenPromoteStep step() {
        return step;
    }

    @Extension
    @Symbol("blueGreenPromoteBuilder")
    public static class DescriptorImpl extends StepBuilder.DescriptorImpl {
        public DescriptorImpl() {
            super(BlueGreenPromoteBuilder.class, BlueGreenPromoteStep.class);
        }
    }
}
