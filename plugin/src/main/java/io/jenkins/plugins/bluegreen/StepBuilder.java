package io.jenkins.plugins.bluegreen;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;

/**
 * A freestyle build step that runs a Pipeline step. It holds the step itself, so the form, the
 * field checks and the help are the step's (config.jelly renders the step's form inline).
 */
public abstract class StepBuilder<S extends EngineStep> extends Builder implements SimpleBuildStep {
    private final S step;

    protected StepBuilder(S step) {
        this.step = step;
    }

    public S getStep() {
        return step;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
                        @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        step.run(new BuildContext(run, workspace, env, listener));
    }

    /** Names the builder after its step, and offers it to every freestyle-like project. */
    public abstract static class DescriptorImpl extends BuildStepDescriptor<Builder> {
        private final Class<? extends EngineStep> stepType;

        protected DescriptorImpl(Class<? extends StepBuilder<?>> builderType, Class<? extends EngineStep> stepType) {
            super(builderType);
            this.stepType = stepType;
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return jenkins.model.Jenkins.get().getDescriptorOrDie(stepType).getDisplayName();
        }
    }
}
