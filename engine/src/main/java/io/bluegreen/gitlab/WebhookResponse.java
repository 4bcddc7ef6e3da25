package io.bluegreen.gitlab;

import java.util.Optional;

/**
 * The answer to one GitLab call: the HTTP status and a one-line reason for GitLab's "Recent events"
 * page, plus the deploy it asks for, if any.
 */
public record WebhookResponse(int status, String reason, Optional<DeployDecision> decision) {
    /** A push that maps to a target; the deploy runs after GitLab has its answer. */
    public static final int DEPLOY = 202;
    /** Understood and deliberately not deployed (deletion, unmapped branch, other event). */
    public static final int IGNORED = 200;
    public static final int MALFORMED = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int NOT_POST = 405;
    public static final int TOO_LARGE = 413;

    static WebhookResponse deploy(DeployDecision decision) {
        return new WebhookResponse(DEPLOY, decision.toString(), Optional.of(decision));
    }

    static WebhookResponse ignored(String reason) {
        return new WebhookResponse(IGNORED, "ignored: " + reason, Optional.empty());
    }

    static WebhookResponse refused(int status, String reason) {
        return new WebhookResponse(status, reason, Optional.empty());
    }

    public boolean triggers() {
        return decision.isPresent();
    }
}
