package io.jenkins.plugins.bluegreen.image;

import hudson.Extension;
import io.jenkins.plugins.bluegreen.StepBuilder;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link DockerBuildTagStep} as a freestyle build step. */
public class DockerBuildTagBuilder extends StepBuilder {
    private final DockerBuildTagStep step;

    @DataBoundConstructor
    public DockerBuildTagBuilder(DockerBuildTagStep step) {
        this.step = step;
    }

    public DockerBuildTagStep getStep() {
        return step;
    }

    @Override
    protected DockerBuildTagStep step() {
        return step;
    }

    @Extension
    @Symbol("dockerBuildTagBuilder")
    public static class DescriptorImpl extends StepBuilder.DescriptorImpl {
        public DescriptorImpl() {
            super(DockerBuildTagBuilder.class, DockerBuildTagStep.class);
        }
    }
}
