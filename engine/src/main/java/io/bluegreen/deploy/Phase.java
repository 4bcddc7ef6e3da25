package io.bluegreen.deploy;

import java.util.Locale;

/** The steps of a blue-green deploy, in the order they run; each is logged on one line with its duration. */
public enum Phase {
    LOCK, CREATE, START, HEALTHY, SWITCH, DRAIN, STOP, PRUNE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
