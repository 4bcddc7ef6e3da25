package io.bluegreen.router;

import java.util.Locale;

/** The two slots of an app: one serves, the other is idle and receives the next deploy. */
public enum Colour {
    BLUE, GREEN;

    public Colour other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** How the colour appears in container names, labels and the router's config. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Colour fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return label();
    }
}
