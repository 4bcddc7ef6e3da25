package io.bluegreen.cli.webhook;

import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;

/**
 * What one caller may cost the webhook server. GitLab sends a few kilobytes at once and reads the
 * answer straight away; anything slower or larger is a broken or hostile client.
 *
 * @param headerTimeout  from the connection being opened to the last request header
 * @param readTimeout    from the last header to the last byte of the body; also the longest silence
 *                       on a connection
 * @param maxConnections open connections at once; further ones wait in the kernel's accept queue
 * @param maxBodyBytes   larger bodies get 413
 */
public record ServerLimits(Duration headerTimeout, Duration readTimeout, int maxConnections, long maxBodyBytes) {
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** Far above GitLab's few parallel deliveries, far below what the server's memory and file limits allow. */
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    private static final Duration LONGEST_TIMEOUT = Duration.ofMinutes(5);

    public ServerLimits {
        requireTimeout(headerTimeout, "--header-timeout");
        requireTimeout(readTimeout, "--read-timeout");
        InvalidInputException.require(maxConnections >= 2 && maxConnections <= 100_000, "--max-connections",
                maxConnections + " is out of range", "use a number from 2 to 100000, e.g. " + DEFAULT_MAX_CONNECTIONS);
        InvalidInputException.require(maxBodyBytes > 0 && maxBodyBytes < Integer.MAX_VALUE, "--max-body-bytes",
                maxBodyBytes + " is out of range", "use a size such as 1048576 (1 MiB)");
    }

    private static void requireTimeout(Duration timeout, String field) {
        InvalidInputException.require(timeout != null && timeout.toMillis() >= 100
                        && timeout.compareTo(LONGEST_TIMEOUT) <= 0, field,
                (timeout == null ? "no value" : timeout.toMillis() / 1000.0 + " seconds") + " is out of range",
                "use between 0.1 and 300 seconds");
    }
}
