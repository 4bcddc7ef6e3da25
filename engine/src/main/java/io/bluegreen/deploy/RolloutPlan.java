package io.bluegreen.deploy;

import io.bluegreen.targets.Host;
import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a deploy moves through the hosts of a target: a canary wave of one host, then waves of at most
 * N hosts (or a percentage of the target), a pause between waves, and what to do when a wave fails
 * or a host cannot be reached. Built command-style:
 * {@code RolloutPlan.canaryThenWavesOf(2).withPause(Duration.ofSeconds(30)).onUnreachable(OnUnreachable.SKIP)}.
 */
public final class RolloutPlan {

    /** When a host's deploy fails, the rollout stops; this says what happens to hosts it already switched. */
    public enum OnFailure {
        /** Roll them back to the colour they served before this deploy (the default). */
        REVERT,
        /** Leave them on the new version, e.g. when the failure is known to be the host's, not the image's. */
        LEAVE
    }

    /** A host whose engine does not answer: stop the rollout (the default), or go on without it and say so. */
    public enum OnUnreachable {
        FAIL,
        SKIP
    }

    private boolean canary = true;
    private int waveSize = 0;
    private int wavePercent = 25;
    private Duration pause = Duration.ZERO;
    private OnFailure onFailure = OnFailure.REVERT;
    private OnUnreachable onUnreachable = OnUnreachable.FAIL;

    private RolloutPlan() {
    }

    /** A canary, then a quarter of the target per wave. */
    public static RolloutPlan defaults() {
        return new RolloutPlan();
    }

    public static RolloutPlan canaryThenWavesOf(int hosts) {
        return new RolloutPlan().withWaveSize(hosts);
    }

    /** Every host at once: for staging, or a first deploy where nothing serves yet. */
    public static RolloutPlan allAtOnce() {
        return new RolloutPlan().withCanary(false).withWavePercent(100);
    }

    public RolloutPlan withCanary(boolean canary) {
        this.canary = canary;
        return this;
    }

    /** At most this many hosts per wave after the canary. */
    public RolloutPlan withWaveSize(int hosts) {
        this.waveSize = hosts;
        this.wavePercent = 0;
        return this;
    }

    /** At most this share of the target per wave after the canary, rounded up to whole hosts. */
    public RolloutPlan withWavePercent(int percent) {
        this.wavePercent = percent;
        this.waveSize = 0;
        return this;
    }

    /** {@code 3} hosts or {@code 25%} of the target, as an operator writes it. */
    public RolloutPlan withWaves(String sizeOrPercent) {
        String text = sizeOrPercent == null ? "" : sizeOrPercent.trim();
        InvalidInputException.require(text.matches("[0-9]{1,4}%?"), "waveSize", "'" + sizeOrPercent + "' is neither N nor P%",
                "give a number of hosts such as 2, or a share of the target such as 25%");
        return text.endsWith("%") ? withWavePercent(Integer.parseInt(text.substring(0, text.length() - 1)))
                : withWaveSize(Integer.parseInt(text));
    }

    /** Time between the end of one wave and the start of the next, to watch the new version's errors and metrics. */
    public RolloutPlan withPause(Duration pause) {
        this.pause = pause;
        return this;
    }

    public RolloutPlan onFailure(OnFailure onFailure) {
        this.onFailure = onFailure;
        return this;
    }

    public RolloutPlan onUnreachable(OnUnreachable onUnreachable) {
        this.onUnreachable = onUnreachable;
        return this;
    }

    public Duration pause() {
        return pause;
    }

    public OnFailure onFailure() {
        return onFailure;
    }

    public OnUnreachable onUnreachable() {
        return onUnreachable;
    }

    public void validate() {
        InvalidInputException.require(waveSize > 0 || wavePercent > 0, "waveSize", "a wave of no hosts never ends",
                "give at least 1 host, or a share such as 25%");
        InvalidInputException.require(wavePercent <= 100, "waveSize", wavePercent + "% is more than the whole target",
                "give a share between 1% and 100%");
        InvalidInputException.require(pause != null && !pause.isNegative(), "pause", pause + " is negative",
                "give 0 or more seconds");
    }

    /** The hosts split into waves, in the target's order: the canary first, then waves of the plan's size. */
    public List<List<Host>> waves(List<Host> hosts) {
        validate();
        List<List<Host>> waves = new ArrayList<>();
        int next = 0;
        if (canary && hosts.size() > 1) {
            waves.add(List.of(hosts.get(0)));
            next = 1;
        }
        int size = waveSize > 0 ? waveSize : Math.max(1, (int) Math.ceil(hosts.size() * wavePercent / 100.0));
        for (; next < hosts.size(); next += size) {
            waves.add(List.copyOf(hosts.subList(next, Math.min(hosts.size(), next + size))));
        }
        return waves;
    }

    @Override
    public String toString() {
        return (canary ? "canary, then " : "") + "waves of " + (waveSize > 0 ? waveSize + " host(s)" : wavePercent + "%")
                + (pause.isZero() ? "" : ", pause " + pause.toSeconds() + " s") + ", on failure " + onFailure.name().toLowerCase()
                + ", unreachable host: " + onUnreachable.name().toLowerCase();
    }
}
