package io.bluegreen.deploy;

/**
 * A deploy stopped in {@link #phase()}. The message says what happened to traffic and ends with
 * the tail of the failing container's log when there is one.
 */
public class DeployFailedException extends RuntimeException {
    private final String app;
    private final Phase phase;

    public DeployFailedException(String app, Phase phase, String message, Throwable cause) {
        super("[" + app + "] deploy failed in phase " + phase + ": " + message, cause);
        this.app = app;
        this.phase = phase;
    }

    public String app() {
        return app;
    }

    public Phase phase() {
        return phase;
    }
}
