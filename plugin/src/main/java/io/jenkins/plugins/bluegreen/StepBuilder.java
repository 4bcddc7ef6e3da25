package io.jenkins.plugins.bluegreen;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.ExtensionList;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * A freestyle build step that runs a Pipeline step. Each subclass holds its step in a property
 * {@code step} of the step's own type, so the form, the field checks and the help are the step's
 * (config.jelly renders the step's form inline). The getter is declared there and not here: a
 * generic getter's erased type would make {@code f:property} look for a descriptor of the abstract
 * {@link EngineStep}.
 */
public abstract class StepBuilder extends Builder implements SimpleBuildStep {

    protected abstract EngineStep step();

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
                        @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        step().run(new BuildContext(run, workspace, env, listener));
    }

    /** Names the builder after its step, and offers it to every freestyle-like project. */
    public abstract static class DescriptorImpl extends BuildStepDescriptor<Builder> {
        private final Class<? extends EngineStep> stepType;

        protected DescriptorImpl(Class<? extends StepBuilder> builderType, Class<? extends EngineStep> stepType) {
            super(builderType);
            this.stepType = stepType;
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        /**
         * Looked up among the step descriptors only: Jenkins sorts the list of all descriptors by
         * display name while loading it, so a lookup in that list from here would recurse.
         */
        @NonNull
        @Override
        public String getDisplayName() {
            return ExtensionList.lookup(StepDescriptor.class).stream().filter(d -> d.clazz == stepType)
                    .findFirst().orElseThrow(() -> new IllegalStateException(stepType + " has no descriptor"))
                    .getDisplayName();
        }
    }
}
