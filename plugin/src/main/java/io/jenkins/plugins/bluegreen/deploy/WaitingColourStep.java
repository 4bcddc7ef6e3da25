package io.jenkins.plugins.bluegreen.deploy;

import hudson.Util;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.Target;
import io.bluegreen.notify.DeployNotifications;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.BuildContext;
import io.jenkins.plugins.bluegreen.EngineStep;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import java.io.IOException;
import java.util.Map;

/**
 * A step that decides on the colour this build deployed with {@code promotion: 'manual'}: the app and the
 * target name it; the rest (router, host names, Slack) is what that deploy used, kept in its
 * {@link PromotionAction}. The engine finds the waiting colour by its labels.
 */
public abstract class WaitingColourStep extends EngineStep {
    private final String app;

    protected WaitingColourStep(String app) {
        this.app = Util.fixEmptyAndTrim(app);
    }

    public String getApp() {
        return app;
    }

    @Override
    protected final Map<String, Object> perform(BuildContext build) throws IOException {
        ResolvedTarget target = resolveTarget(build);
        String name = build.env().expand(app);
        PromotionAction waiting = PromotionAction.waitingIn(build.run(), name, target.label());
        if (waiting == null) {
            throw new InvalidInputException("app", "this build has no colour of " + name + " on " + target.label()
                    + " waiting for promotion", "deploy it first in this build with blueGreenDeploy(..., promotion: 'manual')");
        }
        DeploySpec spec = waiting.settings().spec(target, null);
        DeployNotifications events = BlueGreenDeployStep.notifications(waiting.notification(), target, build);
        long started = System.currentTimeMillis();
        String failure = null;
        try (Target waitingOn = target.open(build.log()).withListener(events)) {
            return decide(waitingOn, spec, waiting, target);
        } catch (RuntimeException e) {
            failure = e.getMessage();
            throw e;
        } finally {
            build.run().save();
            AuditTrail.record(build.run().getParent(), new AuditTrail.Entry(started, AuditTrail.who(build.run()), verb(),
                    target.label(), name, failure == null, failure == null ? waiting.getOutcome() : failure,
                    build.run().getUrl()));
        }
    }

    /** What the audit trail calls this step's action. */
    protected abstract String verb();

    /** Acts on the waiting colour, records the decision in {@code waiting}, and returns the step's result. */
    protected abstract Map<String, Object> decide(Target deployer, DeploySpec spec, PromotionAction waiting,
                                                  ResolvedTarget target);
}
