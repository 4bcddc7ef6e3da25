package io.jenkins.plugins.bluegreen.deploy;

import hudson.Extension;
import io.jenkins.plugins.bluegreen.StepBuilder;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link BlueGreenDeployStep} as a freestyle build step. */
public class BlueGreenDeployBuilder extends StepBuilder {
    private final BlueGreenDeployStep step;

    @DataBoundConstructor
    public BlueGreenDeployBuilder(BlueGreenDeployStep step) {
        this.step = step;
    }

    public BlueGreenDeployStep getStep() {
        return step;
    }

    @Override
    protected BlueGreenDeployStep step() {
        return step;
    }

    @Extension
    @Symbol("blueGreenDeployBuilder")
    public static class DescriptorImpl extends StepBuilder.DescriptorImpl {
        public DescriptorImpl() {
            super(BlueGreenDeployBuilder.class, BlueGreenDeployStep.class);
        }
    }
}
