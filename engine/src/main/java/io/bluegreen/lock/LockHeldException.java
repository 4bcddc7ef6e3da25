package io.bluegreen.deploy;

/** Another deploy of the same app holds the lock on this engine, and waiting did not help. */
public class LockHeldException extends RuntimeException {
    public LockHeldException(String message) {
        super(message);
    }
}
