package io.jenkins.plugins.bluegreen.deploy;

import hudson.model.Item;
import hudson.model.Run;
import io.bluegreen.deploy.WaitingColour;
import io.bluegreen.router.NginxRouter;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * A colour this build deployed without the switch: waiting for promotion, then promoted, aborted or
 * refused. The build page shows it; {@code blueGreenPromote} and {@code blueGreenAbort} find it here for
 * the settings the deploy used, so the router's routes cannot change between the deploy and the promote.
 * The preview's command, with its key, is shown only to those who may build the job: whoever may read the
 * build is not thereby allowed to see an unreleased version.
 */
public class PromotionAction implements RunAction2 {
    /** Where the waiting colour stands. */
    public enum State { WAITING, PROMOTED, ABORTED, REFUSED }

    private final String app;
    private final String target;
    private final String tlsCredentialsId;
    private final DeploySettings settings;
    private final DeployRecord.Notification notification;
    private final String image;
    private final String colour;
    private final String deployId;
    private final String commit;
    private final String digest;
    private final String deadline;
    private final String atDeadline;
    private final String previewHost;
    private final String previewCommand;
    private final String previewPort;
    private final String router;
    private State state = State.WAITING;
    private String outcome;
    private transient Run<?, ?> run;

    PromotionAction(ResolvedTarget target, String tlsCredentialsId, DeploySettings settings,
                    DeployRecord.Notification notification, WaitingColour waiting, String routerAddress, int routerPort) {
        this.app = waiting.app();
        this.target = target.label();
        this.tlsCredentialsId = tlsCredentialsId;
        this.settings = settings;
        this.notification = notification;
        this.image = waiting.image();
        this.colour = waiting.colour().label();
        this.deployId = waiting.deployId();
        this.commit = waiting.commit();
        this.digest = waiting.digest();
        this.deadline = waiting.deadline().toString();
        this.atDeadline = waiting.terms().atDeadline().label();
        this.previewHost = NginxRouter.previewHost(waiting.containerNames().get(0), waiting.containerPort());
        this.router = routerAddress + ":" + routerPort;
        this.previewCommand = waiting.previewCommand(routerAddress, routerPort);
        this.previewPort = waiting.terms().previewPort().map(Object::toString).orElse(null);
    }

    /** This build's colour of {@code app} on {@code target} that still waits, if any. */
    static PromotionAction waitingIn(Run<?, ?> run, String app, String target) {
        for (PromotionAction action : run.getActions(PromotionAction.class)) {
            if (action.state == State.WAITING && action.app.equals(app) && action.target.equals(target)) {
                return action;
            }
        }
        return null;
    }

    void decided(State state, String outcome) {
        this.state = state;
        this.outcome = outcome;
    }

    DeployRecord newRecord(ResolvedTarget resolved) {
        return new DeployRecord(resolved, tlsCredentialsId, settings, notification, image, false);
    }

    DeploySettings settings() {
        return settings;
    }

    DeployRecord.Notification notification() {
        return notification;
    }

    /** What a Pipeline gets back from a deploy with {@code promotion: 'manual'}. */
    Map<String, Object> toStepResult() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("app", app);
        result.put("target", target);
        result.put("waiting", state == State.WAITING);
        result.put("colour", colour);
        result.put("deployId", deployId);
        result.put("commit", commit);
        result.put("digest", digest);
        result.put("deadline", deadline);
        result.put("atDeadline", atDeadline);
        result.put("previewHost", previewHost);
        result.put("previewPort", previewPort);
        result.put("router", router);
        return result;
    }

    public String getApp() {
        return app;
    }

    public String getTarget() {
        return target;
    }

    public String getColour() {
        return colour;
    }

    public String getCommit() {
        return commit;
    }

    public String getDigest() {
        return digest;
    }

    public String getDeadline() {
        return deadline;
    }

    public String getAtDeadline() {
        return atDeadline;
    }

    public String getPreviewHost() {
        return previewHost;
    }

    /** The preview as a curl command with its key, for those who may build the job; null for everybody else. */
    public String getPreviewCommand() {
        return run != null && run.getParent().hasPermission(Item.BUILD) ? previewCommand : null;
    }

    public String getRouter() {
        return router;
    }

    public State getState() {
        return state;
    }

    public String getOutcome() {
        return outcome;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Promotion of " + app + " on " + target;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
