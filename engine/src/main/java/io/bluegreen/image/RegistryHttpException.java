package io.bluegreen.image;

/** A registry answered with an HTTP status we cannot go on from; {@link #status()} tells which. */
public class RegistryHttpException extends ImageOperationException {
    private final int status;

    public RegistryHttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
