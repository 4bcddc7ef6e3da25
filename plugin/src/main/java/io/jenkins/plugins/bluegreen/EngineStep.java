package io.jenkins.plugins.bluegreen;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.bluegreen.deploy.DeployFailedException;
import io.bluegreen.deploy.RolloutFailedException;
import io.bluegreen.image.ImageOperationException;
import io.bluegreen.lock.LockHeldException;
import io.bluegreen.targets.EngineUnreachableException;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.targets.CredentialSource;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import io.jenkins.plugins.bluegreen.targets.TargetResolver;
import java.io.IOException;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step that works on a Docker engine: the fields that choose the engine, and the one place where
 * a Pipeline and a freestyle build hand a step its build. Subclasses only turn their fields into an
 * engine request.
 */
public abstract class EngineStep extends Step {
    private String target;
    private String engine;
    private String tlsCredentialsId;
    private String registryCredentialsId;

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = Util.fixEmptyAndTrim(target);
    }

    public String getEngine() {
        return engine;
    }

    @DataBoundSetter
    public void setEngine(String engine) {
        this.engine = Util.fixEmptyAndTrim(engine);
    }

    public String getTlsCredentialsId() {
        return tlsCredentialsId;
    }

    @DataBoundSetter
    public void setTlsCredentialsId(String tlsCredentialsId) {
        this.tlsCredentialsId = Util.fixEmptyAndTrim(tlsCredentialsId);
    }

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
    }

    /** Does the work; the map is what a Pipeline gets back. */
    protected abstract Map<String, Object> perform(BuildContext build) throws IOException, InterruptedException;

    /**
     * Runs the step. The engine's refusals already say what went wrong and how to fix it, so they end
     * the build with that message alone, without a Java stack trace around it.
     */
    public final Map<String, Object> run(BuildContext build) throws IOException, InterruptedException {
        try {
            return perform(build);
        } catch (InvalidInputException | EngineUnreachableException | ImageOperationException
                 | DeployFailedException | LockHeldException | RolloutFailedException e) {
            throw new AbortException(e.getMessage());
        }
    }

    protected ResolvedTarget resolveTarget(BuildContext build) {
        return new TargetResolver(CredentialSource.forRun(build.run()))
                .resolve(target, engine, tlsCredentialsId, registryCredentialsId, build.env());
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient EngineStep step;

        Execution(EngineStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            return step.run(new BuildContext(context.get(Run.class), context.get(FilePath.class),
                    context.get(EnvVars.class), context.get(TaskListener.class)));
        }
    }
}
