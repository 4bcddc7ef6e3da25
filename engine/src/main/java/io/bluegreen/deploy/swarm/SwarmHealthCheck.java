package io.bluegreen.deploy.swarm;

import com.github.dockerjava.api.model.HealthCheck;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.validation.InvalidInputException;
import java.util.List;
import java.util.Optional;

/**
 * The deploy's health check as the Swarm runs it: inside each task, so the Swarm itself knows when a
 * task is ready. Docker reports a task with a health check as running only after its first healthy
 * result, which is what the deploy then reads from the task states.
 */
final class SwarmHealthCheck {
    private static final int RETRIES_AFTER_START = 3;

    private SwarmHealthCheck() {
    }

    /** Empty when the image's own HEALTHCHECK decides. */
    static Optional<HealthCheck> of(HealthCheckSpec health, int containerPort) {
        if (health.usesDockerHealthcheck()) {
            return Optional.empty();
        }
        String url = "http://127.0.0.1:" + containerPort + health.path();
        // busybox wget (the usual tool in small images) segfaults with -T, so the timeout is Docker's.
        String probe = "wget -q -O /dev/null '" + url + "' || curl -fsS -o /dev/null '" + url + "'";
        // Failures inside the start period do not count, so the deadline is the start period: the
        // task turns healthy at its first good answer, and the deploy gives up at the same deadline.
        return Optional.of(new HealthCheck()
                .withTest(List.of("CMD-SHELL", probe))
                .withInterval(health.interval().toNanos())
                .withTimeout(health.timeout().toNanos())
                .withStartPeriod(health.deadline().toNanos())
                .withRetries(RETRIES_AFTER_START));
    }

    /** wget and curl -f take any 2xx as success and nothing else, so other accepted codes cannot be honoured. */
    static void validate(HealthCheckSpec health) {
        InvalidInputException.require(health.usesDockerHealthcheck()
                        || health.acceptedStatuses().stream().allMatch(status -> status >= 200 && status <= 299),
                "health.acceptedStatuses", health.acceptedStatuses() + " includes codes outside 2xx, which the"
                        + " health check inside a Swarm task (wget or curl -f) cannot accept",
                "accept only 2xx codes, or give the image a HEALTHCHECK and use it");
    }
}
