package io.jenkins.plugins.bluegreen.notify;

import hudson.EnvVars;
import hudson.Util;
import hudson.model.Cause;
import hudson.model.Run;
import io.bluegreen.deploy.DeployFailedException;
import io.bluegreen.deploy.DeployListener;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.deploy.Phase;
import io.bluegreen.gitlab.GitLabLinks;
import io.bluegreen.notify.DeployEvent;
import io.bluegreen.notify.Notifier;

/**
 * Turns a deploy's progress into the engine's deploy events for one build: who started it, which
 * GitLab project the commit links to, and which target it went to.
 */
public final class DeployEvents implements DeployListener {
    private final Notifier notifier;
    private final String target;
    private final String triggeredBy;
    private final String projectUrl;
    private final boolean rollback;

    private DeployEvents(Notifier notifier, String target, String triggeredBy, String projectUrl, boolean rollback) {
        this.notifier = notifier;
        this.target = target;
        this.triggeredBy = triggeredBy;
        this.projectUrl = projectUrl;
        this.rollback = rollback;
    }

    /** For a deploy in {@code run}; the GitLab project comes from the gitlab plugin's variable, if set. */
    public static DeployEvents forBuild(Notifier notifier, String target, Run<?, ?> run, EnvVars env) {
        return new DeployEvents(notifier, target, describe(run), Util.fixEmptyAndTrim(env.get("gitlabSourceRepoHomepage")), false);
    }

    /** For a rollback someone asked for on the job page. */
    public static DeployEvents forRollback(Notifier notifier, String target, String who) {
        return new DeployEvents(notifier, target, who, null, true);
    }

    public void started(String app, String commit) {
        notifier.send(DeployEvent.started(app, target).withCommit(commit, commitUrl(commit)).withTriggeredBy(triggeredBy).build());
    }

    @Override
    public void succeeded(DeployResult result) {
        DeployEvent.Builder event = rollback ? DeployEvent.rolledBack(result.app(), target) : DeployEvent.succeeded(result.app(), target);
        notifier.send(event.withColour(result.liveColour().label())
                .withPreviousColour(result.previousColour() == null ? null : result.previousColour().label())
                .withCommit(result.commit(), commitUrl(result.commit()))
                .withImageDigest(result.digest())
                .withDuration(result.total())
                .withSwitchTime(result.switchTime())
                .withTriggeredBy(triggeredBy)
                .build());
    }

    @Override
    public void failed(String app, Phase phase, DeployFailedException failure) {
        notifier.send(DeployEvent.failed(app, target).withFailure(phase.label(), failure.getMessage())
                .withTriggeredBy(triggeredBy).build());
    }

    private String commitUrl(String commit) {
        return projectUrl == null || commit == null || commit.equals("unknown") ? null : GitLabLinks.commit(projectUrl, commit);
    }

    private static String describe(Run<?, ?> run) {
        String cause = run.getCauses().stream().findFirst().map(Cause::getShortDescription).orElse("Jenkins");
        return cause + " (" + run.getFullDisplayName() + ")";
    }
}
