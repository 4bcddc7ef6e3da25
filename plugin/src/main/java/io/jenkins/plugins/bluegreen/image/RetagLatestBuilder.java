package io.jenkins.plugins.bluegreen.image;

import hudson.Extension;
import io.jenkins.plugins.bluegreen.StepBuilder;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link RetagLatestStep} as a freestyle build step. */
public class RetagLatestBuilder extends StepBuilder {
    private final RetagLatestStep step;

    @DataBoundConstructor
    public RetagLatestBuilder(RetagLatestStep step) {
        this.step = step;
    }

    public RetagLatestStep getStep() {
        return step;
    }

    @Override
    protected RetagLatestStep step() {
        return step;
    }

    @Extension
    @Symbol("retagLatestBuilder")
    public static class DescriptorImpl extends StepBuilder.DescriptorImpl {
        public DescriptorImpl() {
            super(RetagLatestBuilder.class, RetagLatestStep.class);
        }
    }
}
