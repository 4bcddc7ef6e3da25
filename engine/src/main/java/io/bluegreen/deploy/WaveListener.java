package io.bluegreen.deploy;

import java.util.List;

/** Follows a rollout wave by wave: a notification per wave, a gate before the next, a test that pulls a host away. */
@FunctionalInterface
public interface WaveListener {
    /** Called after wave {@code number} (from 1) finished, before the pause and the next wave. */
    void waveFinished(int number, List<HostOutcome> outcomes);
}
