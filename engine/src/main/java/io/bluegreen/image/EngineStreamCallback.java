package io.bluegreen.image;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ResponseItem;
import io.bluegreen.log.OperatorLog;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Follows a push or pull stream from the engine: layer progress to the log, and the two things the
 * stream carries that callers need: the error (registries refuse inside an HTTP 200 stream) and
 * the manifest digest.
 */
final class EngineStreamCallback<T extends ResponseItem> extends ResultCallback.Adapter<T> {
    private final LayerProgress progress;
    private volatile String error;
    private volatile String digest;

    private EngineStreamCallback(LayerProgress progress) {
        this.progress = progress;
    }

    /**
     * Runs one transfer to its end. {@code start} execs the docker-java command with the callback
     * it is given; {@code verb} ("push", "pull") starts every log line and error message.
     */
    static <T extends ResponseItem> EngineStreamCallback<T> follow(String verb, ImageReference image,
            RegistryCredentials credentials, OperatorLog log, UnaryOperator<EngineStreamCallback<T>> start) {
        long started = System.nanoTime();
        log.line(verb + ": " + image + " as " + credentials);
        EngineStreamCallback<T> stream = new EngineStreamCallback<>(new LayerProgress(log));
        try {
            start.apply(stream).awaitCompletion();
        } catch (DockerException e) {
            throw failed(verb, image, credentials, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageOperationException(verb + " of " + image + " was interrupted", e);
        }
        if (stream.error != null) {
            throw failed(verb, image, credentials, stream.error, null);
        }
        log.line(verb + ": done in " + Durations.format(Duration.ofNanos(System.nanoTime() - started))
                + (stream.digest == null ? "" : ", " + image.repository() + "@" + stream.digest));
        return stream;
    }

    private static ImageOperationException failed(String verb, ImageReference image, RegistryCredentials credentials,
                                                  String reason, Throwable cause) {
        if (RegistryRefusal.isAuthentication(reason)) {
            return new RegistryLoginRefusedException(401, image.registry(), credentials, "(" + verb + " of " + image + ": " + reason + ")");
        }
        return new ImageOperationException(verb + " of " + image + " failed: " + reason + " (nothing was changed)", cause);
    }

    @Override
    public void onNext(T item) {
        if (item.isErrorIndicated()) {
            ResponseItem.ErrorDetail detail = item.getErrorDetail();
            error = detail != null ? detail.getMessage() : item.getError();
            return;
        }
        ResponseItem.AuxDetail aux = item.getAux();
        String auxDigest = aux == null ? null : aux.getDigest();
        if (auxDigest != null) {
            digest = auxDigest;
        }
        progress.update(item);
    }

    String digest() {
        return digest;
    }
}
