package io.bluegreen.notify;

import java.time.Duration;

/**
 * Something that happened to one deploy, for people to read. Fields that do not apply to a kind (a
 * failure reason on success, a duration at start) are null.
 *
 * @param colour         the colour now taking traffic (or about to, for STARTED)
 * @param previousColour the colour that had traffic before
 * @param commitUrl      the commit's GitLab page, {@code <web_url>/-/commit/<sha>}
 * @param switchTime     how long the router took to move traffic
 * @param drain          what the old colour was still serving at the switch and how that ended
 * @param triggeredBy    who or what started the deploy: a GitLab user, a Jenkins build, an operator
 * @param preview        for AWAITING_PROMOTION: how to reach the waiting colour (a curl command with its key)
 * @param deadline       for AWAITING_PROMOTION: until when it waits, and what happens then
 */
public record DeployEvent(
        Kind kind,
        String app,
        String target,
        String colour,
        String previousColour,
        String commit,
        String commitUrl,
        String imageDigest,
        Duration duration,
        Duration switchTime,
        String drain,
        String failedPhase,
        String failureReason,
        String triggeredBy,
        String preview,
        String deadline) {

    public enum Kind { STARTED, SUCCEEDED, FAILED, ROLLED_BACK, AWAITING_PROMOTION }

    public static Builder started(String app, String target) {
        return new Builder(Kind.STARTED, app, target);
    }

    public static Builder succeeded(String app, String target) {
        return new Builder(Kind.SUCCEEDED, app, target);
    }

    public static Builder failed(String app, String target) {
        return new Builder(Kind.FAILED, app, target);
    }

    public static Builder rolledBack(String app, String target) {
        return new Builder(Kind.ROLLED_BACK, app, target);
    }

    public static Builder awaitingPromotion(String app, String target) {
        return new Builder(Kind.AWAITING_PROMOTION, app, target);
    }

    /** Fills an event field by field, as a deploy learns them. */
    public static final class Builder {
        private final Kind kind;
        private final String app;
        private final String target;
        private String colour;
        private String previousColour;
        private String commit;
        private String commitUrl;
        private String imageDigest;
        private Duration duration;
        private Duration switchTime;
        private String drain;
        private String failedPhase;
        private String failureReason;
        private String triggeredBy;
        private String preview;
        private String deadline;

        private Builder(Kind kind, String app, String target) {
            this.kind = kind;
            this.app = app;
            this.target = target;
        }

        public Builder withColour(String colour) {
            this.colour = colour;
            return this;
        }

        public Builder withPreviousColour(String previousColour) {
            this.previousColour = previousColour;
            return this;
        }

        /** @param url the commit's page, e.g. from {@code io.bluegreen.gitlab.GitLabLinks.commit}; may be null */
        public Builder withCommit(String sha, String url) {
            this.commit = sha;
            this.commitUrl = url;
            return this;
        }

        public Builder withImageDigest(String imageDigest) {
            this.imageDigest = imageDigest;
            return this;
        }

        public Builder withDuration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder withSwitchTime(Duration switchTime) {
            this.switchTime = switchTime;
            return this;
        }

        public Builder withDrain(String drain) {
            this.drain = drain;
            return this;
        }

        public Builder withFailure(String phase, String reason) {
            this.failedPhase = phase;
            this.failureReason = reason;
            return this;
        }

        public Builder withTriggeredBy(String triggeredBy) {
            this.triggeredBy = triggeredBy;
            return this;
        }

        /** How to reach a colour awaiting promotion, and until when it waits and what happens then. */
        public Builder withPreview(String preview, String deadline) {
            this.preview = preview;
            this.deadline = deadline;
            return this;
        }

        public DeployEvent build() {
            return new DeployEvent(kind, app, target, colour, previousColour, commit, commitUrl, imageDigest,
                    duration, switchTime, drain, failedPhase, failureReason, triggeredBy, preview, deadline);
        }
    }
}
