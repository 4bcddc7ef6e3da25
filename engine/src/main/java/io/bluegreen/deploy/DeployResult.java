package io.bluegreen.deploy;

import io.bluegreen.router.Colour;
import java.time.Duration;
import java.util.Map;

/**
 * What a deploy or rollback did. {@code switchTime} runs from "new colour proven healthy" to "the
 * router proven to serve only it"; {@code untilServing} from the start to that moment (for a
 * rollback, how long users waited for the old version); {@code total} includes drain, stop, prune.
 */
public record DeployResult(String app, String deployId, Colour liveColour, Colour previousColour,
                           String image, String commit, String digest,
                           Map<Phase, Duration> phaseDurations, Duration switchTime, Duration untilServing,
                           Duration total) {

    public Duration phase(Phase phase) {
        return phaseDurations.getOrDefault(phase, Duration.ZERO);
    }
}
