package io.jenkins.plugins.bluegreen.deploy;

import hudson.model.Run;
import io.bluegreen.deploy.DeployFailedException;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.deploy.HostOutcome;
import io.bluegreen.deploy.Phase;
import io.bluegreen.deploy.RolloutFailedException;
import io.bluegreen.deploy.RolloutResult;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.notify.DeployNotifications;
import io.jenkins.plugins.bluegreen.notify.DeployNotifiers;
import io.jenkins.plugins.bluegreen.targets.CredentialSource;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One deploy (or rollback) as a build remembers it: what went where, how long each phase took, and
 * how it ended. Stored in build.xml, so it holds only plain values and no secret.
 */
public final class DeployRecord {
    /**
     * Where the deploy's Slack messages went, so its rollback is announced in the same place. A class rather
     * than a record: it is kept in build.xml, and XStream cannot set a record's fields when it reads a build back.
     */
    public static final class Notification {
        private final String slackChannel;
        private final String slackWebhookCredentialsId;

        public Notification(String slackChannel, String slackWebhookCredentialsId) {
            this.slackChannel = slackChannel;
            this.slackWebhookCredentialsId = slackWebhookCredentialsId;
        }

        public String slackChannel() {
            return slackChannel;
        }

        public String slackWebhookCredentialsId() {
            return slackWebhookCredentialsId;
        }

        /** The messages of a deploy or rollback on {@code target}, with the webhook {@code credentials} finds for {@code run}. */
        DeployNotifications on(String target, CredentialSource credentials, Run<?, ?> run, OperatorLog log) {
            return new DeployNotifications(DeployNotifiers.choose(slackWebhookCredentialsId, slackChannel, credentials, run, log),
                    target);
        }
    }

    /** How a deploy ended. */
    public enum Outcome { LIVE, FAILED, ROLLED_BACK }

    private final String target;
    private final String configuredTarget;
    private final String engine;
    private final String tlsCredentialsId;
    private final DeploySettings settings;
    private final Notification notification;
    private final String image;
    private final long startedAt;
    private String colour;
    private String previousColour;
    private String commit;
    private String digest;
    private Map<String, Long> phaseMillis = new LinkedHashMap<>();
    private long switchMillis;
    /** The old colour's drain: null when nothing was live before. */
    private String drain;
    private int drainInFlightAtSwitch;
    private int drainEndedAtTimeout;
    private long drainMillis;
    private long totalMillis;
    private String failedPhase;
    private String failure;
    private Outcome outcome = Outcome.FAILED;
    private String rolledBackBy;
    private final boolean rollback;
    /** The GitLab project's home page when a push started the build, so the commit can link to it. */
    private String projectUrl;
    /** Per host of a many-host target: its state, colour and commit after the rollout; null for one engine. */
    private Map<String, Map<String, String>> hosts;

    DeployRecord(ResolvedTarget target, String tlsCredentialsId, DeploySettings settings,
                 Notification notification, String image, boolean rollback) {
        this.target = target.label();
        this.configuredTarget = target.name();
        this.engine = target.endpoint().uri().toString();
        this.tlsCredentialsId = tlsCredentialsId;
        this.settings = settings;
        this.notification = notification;
        this.image = image;
        this.rollback = rollback;
        this.startedAt = System.currentTimeMillis();
    }

    void linkingInto(String gitLabProjectUrl) {
        this.projectUrl = gitLabProjectUrl;
    }

    void succeeded(DeployResult result) {
        colour = result.liveColour().label();
        previousColour = result.previousColour() == null ? null : result.previousColour().label();
        commit = result.commit();
        digest = result.digest();
        phaseMillis = phaseMillis(result.phaseDurations());
        switchMillis = result.switchTime().toMillis();
        if (result.drain() != null) {
            drain = result.drain().describe();
            drainInFlightAtSwitch = result.drain().inFlightAtSwitch();
            drainEndedAtTimeout = result.drain().endedAtTimeout();
            drainMillis = result.drain().took().toMillis();
        }
        totalMillis = result.total().toMillis();
        outcome = Outcome.LIVE;
    }

    void failed(DeployFailedException e) {
        failedPhase = e.phase().label();
        failure = e.getMessage();
        outcome = Outcome.FAILED;
    }

    /** The engine could not be reached or refused before any phase began (unreachable, image missing, locked). */
    void refused(String why) {
        failure = why;
        outcome = Outcome.FAILED;
    }

    /** A rollout over many hosts: the lead host's deploy (the canary, or the first switched) stands for the whole. */
    void rolledOut(RolloutResult result) {
        hosts = hostStates(result);
        result.lead().ifPresent(this::succeeded);
    }

    void stopped(RolloutFailedException e) {
        hosts = e.result() == null ? null : hostStates(e.result());
        failedPhase = "rollout";
        failure = e.getMessage();
        outcome = Outcome.FAILED;
    }

    private static Map<String, Map<String, String>> hostStates(RolloutResult result) {
        Map<String, Map<String, String>> states = new LinkedHashMap<>();
        for (HostOutcome host : result.hosts()) {
            Map<String, String> state = new LinkedHashMap<>();
            state.put("status", host.state().label());
            state.put("colour", host.deploy() == null ? null : host.deploy().liveColour().label());
            state.put("commit", host.deploy() == null ? null : host.deploy().commit());
            states.put(host.host(), state);
        }
        return states;
    }

    /** Someone rolled this deploy back from the job page; traffic went to the previous colour. */
    void rolledBack(String by) {
        outcome = Outcome.ROLLED_BACK;
        rolledBackBy = by;
    }

    /** What a Pipeline gets back from blueGreenDeploy. */
    Map<String, Object> toStepResult() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("app", settings.getApp());
        result.put("target", target);
        result.put("colour", colour);
        result.put("previousColour", previousColour);
        result.put("commit", commit);
        result.put("digest", digest);
        result.put("image", image);
        result.put("phases", new LinkedHashMap<>(phaseMillis));
        result.put("switchMillis", switchMillis);
        if (drain != null) {
            Map<String, Object> drained = new LinkedHashMap<>();
            drained.put("inFlightAtSwitch", drainInFlightAtSwitch);
            drained.put("endedAtTimeout", drainEndedAtTimeout);
            drained.put("millis", drainMillis);
            result.put("drain", drained);
        }
        result.put("totalMillis", totalMillis);
        if (hosts != null) {
            result.put("hosts", new LinkedHashMap<>(hosts));
        }
        return result;
    }

    private static Map<String, Long> phaseMillis(Map<Phase, Duration> durations) {
        Map<String, Long> millis = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            if (durations.containsKey(phase)) {
                millis.put(phase.label(), durations.get(phase).toMillis());
            }
        }
        return millis;
    }

    public String getApp() {
        return settings.getApp();
    }

    public String getTarget() {
        return target;
    }

    /** The name of the configured target deployed to; null when the step gave an engine URI. */
    public String getConfiguredTarget() {
        return configuredTarget;
    }

    public String getEngine() {
        return engine;
    }

    public String getTlsCredentialsId() {
        return tlsCredentialsId;
    }

    public Notification getNotification() {
        return notification;
    }

    public DeploySettings getSettings() {
        return settings;
    }

    public String getImage() {
        return image;
    }

    public long getStartedAt() {
        return startedAt;
    }

    public String getColour() {
        return colour;
    }

    public String getPreviousColour() {
        return previousColour;
    }

    public String getCommit() {
        return commit;
    }

    public String getShortCommit() {
        return commit == null || commit.length() <= 8 ? commit : commit.substring(0, 8);
    }

    /** The digest's first hex digits, as registries and docker print them. */
    public String getShortDigest() {
        return digest == null ? null : digest.replaceFirst("^(sha256:.{12}).*", "$1");
    }

    /** The commit's page on GitLab; null when the project is unknown. */
    public String getCommitUrl() {
        return projectUrl == null || commit == null ? null : projectUrl.replaceAll("/+$", "") + "/-/commit/" + commit;
    }

    /** What happened, in a few words, for the audit trail. */
    String describeOutcome() {
        return switch (outcome) {
            case LIVE -> "live on " + colour + " with commit " + getShortCommit();
            case ROLLED_BACK -> "rolled back by " + rolledBackBy;
            case FAILED -> "failed" + (failedPhase == null ? "" : " in " + failedPhase) + (failure == null ? "" : ": " + failure);
        };
    }

    public String getDigest() {
        return digest;
    }

    public Map<String, Long> getPhaseMillis() {
        return phaseMillis;
    }

    public long getSwitchMillis() {
        return switchMillis;
    }

    /** The old colour's drain in words, e.g. "3 requests in flight at the switch, all finished in 4.2 s"; null when none. */
    public String getDrain() {
        return drain;
    }

    public long getTotalMillis() {
        return totalMillis;
    }

    public String getFailedPhase() {
        return failedPhase;
    }

    public String getFailure() {
        return failure;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public String getRolledBackBy() {
        return rolledBackBy;
    }

    public Map<String, Map<String, String>> getHosts() {
        return hosts;
    }

    public boolean isRollback() {
        return rollback;
    }
}
