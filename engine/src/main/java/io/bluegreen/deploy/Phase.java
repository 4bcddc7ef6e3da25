package io.bluegreen.deploy;

import java.util.Locale;

/**
 * The steps of a blue-green deploy, in the order they run (stage runs beside healthy: the router
 * prepares the switch while the new colour proves its health); each is logged on one line with its duration.
 */
public enum Phase {
    LOCK, CREATE, START, STAGE, HEALTHY, SWITCH, DRAIN, STOP, PRUNE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
