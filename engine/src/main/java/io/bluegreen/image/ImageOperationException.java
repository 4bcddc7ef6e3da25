package io.bluegreen.image;

/**
 * A build, push or retag that the engine or the registry refused or that broke half-way. The message
 * says what failed, why, and whether anything was changed.
 */
public class ImageOperationException extends RuntimeException {
    public ImageOperationException(String message) {
        super(message);
    }

    public ImageOperationException(String message, Throwable cause) {
        super(message, cause);
    }
}
