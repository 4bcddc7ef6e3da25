package io.bluegreen.router;

/** The router refused or failed a switch; traffic still goes where it went before. */
public class RouterRejectedException extends RuntimeException {
    public RouterRejectedException(String message) {
        super(message);
    }
}
