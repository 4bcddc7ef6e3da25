package io.jenkins.plugins.bluegreen.image;

import hudson.Extension;
import io.jenkins.plugins.bluegreen.StepBuilder;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link DockerBuildTagStep} as a freestyle build step. */
public class DockerBuildTagBuilder extends StepBuilder<DockerBuildTagStep> {

    @DataBoundConstructor
    public DockerBuildTagBuilder(DockerBuildTagStep step) {
        super(step);
    }

    @Extension
    @Symbol("dockerBuildTagBuilder")
    public static class DescriptorImpl extends StepBuilder.DescriptorImpl {
        public DescriptorImpl() {
            super(DockerBuildTagBuilder.class, DockerBuildTagStep.class);
        }
    }
}
