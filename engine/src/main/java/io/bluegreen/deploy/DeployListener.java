package io.bluegreen.deploy;

import java.time.Duration;

/**
 * Hooks for whoever wants to follow a deploy besides the operator log: notifications, metrics,
 * a Jenkins badge. Every method has an empty default; a listener that throws is logged and ignored.
 */
public interface DeployListener {

    /** The deploy's input passed its checks; nothing on the engine has changed yet. */
    default void started(String app, String commit) {
    }

    default void phaseFinished(String app, Phase phase, Duration took) {
    }

    default void succeeded(DeployResult result) {
    }

    default void failed(String app, Phase phase, DeployFailedException failure) {
    }

    /** A change over many hosts stopped; {@code failure} names the host and what every host was left with. */
    default void rolloutStopped(RolloutFailedException failure) {
    }

    /** A deploy without the switch left {@code waiting} for promote or abort; {@code preview} says how to reach it. */
    default void awaitingPromotion(WaitingColour waiting, String preview) {
    }
}
