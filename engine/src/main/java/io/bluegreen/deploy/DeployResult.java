package io.bluegreen.deploy;

import io.bluegreen.router.Colour;
import java.time.Duration;
import java.util.Map;

/**
 * What a deploy or rollback did. {@code switchTime} runs from "new colour proven healthy" to "the
 * router proven to serve only it"; it is the part users would feel if anything went wrong.
 */
public record DeployResult(String app, String deployId, Colour liveColour, Colour previousColour,
                           String image, String commit, String digest,
                           Map<Phase, Duration> phaseDurations, Duration switchTime, Duration total) {

    public Duration phase(Phase phase) {
        return phaseDurations.getOrDefault(phase, Duration.ZERO);
    }
}
