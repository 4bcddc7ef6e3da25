package io.jenkins.plugins.bluegreen.deploy;

import hudson.Extension;
import io.jenkins.plugins.bluegreen.StepBuilder;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link BlueGreenAbortStep} as a freestyle build step, after a deploy step of the same build with manual promotion. */
public class BlueGreenAbortBuilder extends StepBuilder {
    private final BlueGreenAbortStep step;

    @DataBoundConstructor
    public BlueGreenAbortBuilder(BlueGreenAbortStep step) {
        this.step = step;
    }

    public BlueGreenAbortStep getStep() {
        return step;
    }

    @Override
    protected BlueGreenAbortStep step() {
        return step;
    }

    @Extension
    @Symbol("blueGreenAbortBuilder")
    public static class DescriptorImpl extends StepBuilder.DescriptorImpl {
        public DescriptorImpl() {
            super(BlueGreenAbortBuilder.class, BlueGreenAbortStep.class);
        }
    }
}
