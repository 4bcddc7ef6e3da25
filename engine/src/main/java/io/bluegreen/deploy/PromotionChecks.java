package io.bluegreen.deploy;

import io.bluegreen.clock.Pause;
import io.bluegreen.health.HealthTarget;
import io.bluegreen.health.HttpCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs a colour's promotion checks: once against its preview before the switch, repeatedly against the live router after. */
final class PromotionChecks {
    /** Often enough that a failing version is switched away from well within a second of its first failure. */
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(100);

    private PromotionChecks() {
    }

    /** Every check once against the preview of each container; a failure throws, naming the check and the container. */
    static String requirePassing(List<HttpCheck> checks, List<HealthTarget> previews) {
        for (HealthTarget preview : previews) {
            for (HttpCheck check : checks) {
                check.problem(preview.address(), preview.port(), preview.host(), preview.headers()).ifPresent(problem -> {
                    throw new IllegalStateException("pre-promotion check failed on the preview of "
                            + preview.containerName() + ": " + problem);
                });
            }
        }
        return checks.size() + " check(s) passed on " + previews.size() + " container(s)";
    }

    /** Runs the checks against the live router until {@code window} ends; the first failure, or empty when all passed. */
    static Optional<String> watch(List<HttpCheck> checks, String address, int port, String host, Duration window) {
        long end = System.nanoTime() + window.toNanos();
        do {
            for (HttpCheck check : checks) {
                Optional<String> problem = check.problem(address, port, host, Map.of());
                if (problem.isPresent()) {
                    return problem;
                }
            }
            Pause.of(WATCH_INTERVAL);
        } while (System.nanoTime() < end);
        return Optional.empty();
    }
}
