package io.bluegreen.deploy;

import io.bluegreen.router.Colour;
import io.bluegreen.router.DrainReport;
import java.time.Duration;
import java.util.Map;

/**
 * What a deploy or rollback did. {@code switchTime} is the switch itself: from "new colour healthy and
 * staged in the router" to "the router proven to serve only it"; {@code untilServing} from the start
 * to that moment (for a rollback, how long users waited for the old version); {@code total} includes
 * drain, stop, prune. {@code drain} says what the old colour was still serving at the switch and how
 * that ended; null when nothing was live before.
 */
public record DeployResult(String app, String deployId, Colour liveColour, Colour previousColour,
                           String image, String commit, String digest,
                           Map<Phase, Duration> phaseDurations, Duration switchTime, Duration untilServing,
                           Duration total, DrainReport drain) {

    public Duration phase(Phase phase) {
        return phaseDurations.getOrDefault(phase, Duration.ZERO);
    }
}
