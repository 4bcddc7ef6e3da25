package io.bluegreen.health;

import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a new colour proves it is ready: either HTTP GETs on a path until one answers with an accepted
 * status, or the image's own Docker HEALTHCHECK reporting healthy. Either way within a deadline.
 */
public final class HealthCheckSpec {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    private final String path;
    private Set<Integer> acceptedStatuses = Set.of(200);
    private Duration interval = DEFAULT_INTERVAL;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration deadline = DEFAULT_DEADLINE;

    private HealthCheckSpec(String path) {
        this.path = path;
    }

    /** GET {@code path} (with a leading slash) until it answers an accepted status. */
    public static HealthCheckSpec http(String path) {
        return new HealthCheckSpec(path);
    }

    /** Wait for the image's own HEALTHCHECK to report healthy. */
    public static HealthCheckSpec dockerHealthcheck() {
        return new HealthCheckSpec(null);
    }

    public HealthCheckSpec withAcceptedStatuses(Integer... statuses) {
        this.acceptedStatuses = new TreeSet<>(Set.of(statuses));
        return this;
    }

    public HealthCheckSpec withInterval(Duration interval) {
        this.interval = interval;
        return this;
    }

    public HealthCheckSpec withTimeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public HealthCheckSpec withDeadline(Duration deadline) {
        this.deadline = deadline;
        return this;
    }

    public boolean usesDockerHealthcheck() {
        return path == null;
    }

    public String path() {
        return path;
    }

    public Set<Integer> acceptedStatuses() {
        return acceptedStatuses;
    }

    public Duration interval() {
        return interval;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration deadline() {
        return deadline;
    }

    public void validate() {
        if (path != null) {
            InvalidInputException.require(path.startsWith("/"), "health.path",
                    "'" + path + "' does not start with a slash", "write it as /" + path);
        }
        InvalidInputException.require(!acceptedStatuses.isEmpty()
                        && acceptedStatuses.stream().allMatch(s -> s >= 100 && s <= 599),
                "health.acceptedStatuses", acceptedStatuses + " is not a set of HTTP status codes",
                "give codes between 100 and 599, e.g. 200");
        InvalidInputException.require(!interval.isNegative() && !interval.isZero(), "health.interval",
                interval + " is not positive", "give e.g. 200ms");
        InvalidInputException.require(!timeout.isNegative() && !timeout.isZero(), "health.timeout",
                timeout + " is not positive", "give e.g. 2s");
        InvalidInputException.require(deadline.compareTo(interval) > 0, "health.deadline",
                deadline + " is not longer than the interval " + interval, "give e.g. 60s");
    }

    @Override
    public String toString() {
        return usesDockerHealthcheck() ? "docker HEALTHCHECK" : "GET " + path + " -> " + acceptedStatuses;
    }
}
