package io.bluegreen.deploy;

/** A rollout stopped: the message names the host and what went wrong; the result says what every host was left with. */
public class RolloutFailedException extends RuntimeException {
    private final transient RolloutResult result;

    public RolloutFailedException(RolloutResult result, String message, Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    public RolloutResult result() {
        return result;
    }
}
