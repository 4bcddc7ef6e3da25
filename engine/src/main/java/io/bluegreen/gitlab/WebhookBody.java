package io.bluegreen.gitlab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a webhook body from a server's blocking stream (Jenkins' endpoint) with a size limit and a
 * deadline. The server's idle timeout ends a read that gets nothing; this ends one that gets a byte
 * now and then, which the idle timeout never sees.
 */
public final class WebhookBody {
    /** GitLab sends its few kilobytes at once; ten seconds is generous even across continents. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    public static final int REQUEST_TIMEOUT = 408;

    private WebhookBody() {
    }

    /**
     * Up to {@code maxBytes + 1} bytes, so that a handler with that limit sees a body over it.
     *
     * @throws TooSlowException when the bytes read so far took longer than {@code deadline}
     */
    public static byte[] read(InputStream in, long maxBytes, Duration deadline) throws IOException {
        long start = System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while (body.size() <= maxBytes
                && (read = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1 - body.size()))) >= 0) {
            body.write(buffer, 0, read);
            if (System.nanoTime() - start > deadline.toNanos()) {
                throw new TooSlowException(deadline);
            }
        }
        return body.toByteArray();
    }

    /** The answer for a caller whose body was too slow. */
    public static WebhookResponse tooSlow(TooSlowException e) {
        return new WebhookResponse(REQUEST_TIMEOUT, e.getMessage(), Optional.empty());
    }

    /** A body that did not arrive within its deadline. */
    public static final class TooSlowException extends IOException {

        TooSlowException(Duration deadline) {
            super("the body did not arrive within " + deadline.toMillis() / 1000.0 + " s");
        }
    }
}
