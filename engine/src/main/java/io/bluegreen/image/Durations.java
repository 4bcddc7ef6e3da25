package io.bluegreen.image;

import java.time.Duration;
import java.util.Locale;

/** Durations as operators read them in a log: seconds with one decimal. */
final class Durations {
    private Durations() {
    }

    static String format(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
