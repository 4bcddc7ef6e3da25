package io.bluegreen.notify;

import io.bluegreen.deploy.DeployFailedException;
import io.bluegreen.deploy.DeployListener;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.deploy.Phase;
import io.bluegreen.deploy.RolloutFailedException;
import io.bluegreen.deploy.WaitingColour;
import io.bluegreen.gitlab.GitLabLinks;

/**
 * Follows one deploy (or rollback) and tells a {@link Notifier} that it started, succeeded or
 * failed, with the target it went to, who started it and links into the GitLab project.
 * The CLI and the Jenkins plugin differ only in where the notifier and the names come from.
 */
public final class DeployNotifications implements DeployListener {
    private final Notifier notifier;
    private final String target;
    private String triggeredBy;
    private String projectUrl;
    private boolean rollback;

    public DeployNotifications(Notifier notifier, String target) {
        this.notifier = notifier;
        this.target = target;
    }

    public DeployNotifications triggeredBy(String who) {
        this.triggeredBy = who;
        return this;
    }

    /** The GitLab project's web URL, e.g. {@code https://gitlab.example.com/shop/web}; commits link into it. */
    public DeployNotifications linkingInto(String gitLabProjectUrl) {
        this.projectUrl = gitLabProjectUrl;
        return this;
    }

    /** Success is reported as "rolled back" rather than "deployed". */
    public DeployNotifications asRollback() {
        this.rollback = true;
        return this;
    }

    @Override
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
                .withDrain(result.drain() == null ? null : result.drain().describe())
                .withTriggeredBy(triggeredBy)
                .build());
    }

    @Override
    public void awaitingPromotion(WaitingColour waiting, String preview) {
        notifier.send(DeployEvent.awaitingPromotion(waiting.app(), target).withColour(waiting.colour().label())
                .withCommit(waiting.commit(), commitUrl(waiting.commit()))
                .withImageDigest(waiting.digest())
                .withPreview(preview, waiting.deadline() + ", then " + waiting.terms().atDeadline().label())
                .withTriggeredBy(triggeredBy)
                .build());
    }

    @Override
    public void failed(String app, Phase phase, DeployFailedException failure) {
        notifier.send(DeployEvent.failed(app, target).withFailure(phase.label(), failure.getMessage())
                .withTriggeredBy(triggeredBy).build());
    }

    @Override
    public void rolloutStopped(RolloutFailedException failure) {
        notifier.send(DeployEvent.failed(failure.result().app(), target).withDuration(failure.result().total())
                .withFailure("rollout", failure.getMessage()).withTriggeredBy(triggeredBy).build());
    }

    private String commitUrl(String commit) {
        return projectUrl == null || commit == null || commit.equals("unknown") ? null : GitLabLinks.commit(projectUrl, commit);
    }
}
