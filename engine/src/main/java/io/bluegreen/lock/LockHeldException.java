package io.bluegreen.lock;

/** Another deploy holds a lock on this engine (an app's, or a router's), and waiting did not help. */
public class LockHeldException extends RuntimeException {
    public LockHeldException(String message) {
        super(message);
    }
}
