package io.bluegreen.deploy;

import java.util.Locale;

/**
 * The steps of a blue-green deploy, in the order they run (stage runs beside healthy: the router
 * prepares the switch while the new colour proves its health); each is logged on one line with its duration.
 * A deploy without the switch ends at preview (its colour opened to a key); its promotion runs check, switch,
 * watch (the old colour kept running while post-promotion checks run), then drain, stop and prune.
 */
public enum Phase {
    LOCK, CREATE, START, STAGE, HEALTHY, PREVIEW, CHECK, SWITCH, WATCH, DRAIN, STOP, PRUNE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
