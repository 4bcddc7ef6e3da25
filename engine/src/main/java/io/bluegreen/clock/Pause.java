package io.bluegreen.clock;

import java.time.Duration;

/** A sleep that turns an interrupt into a failure of the step that was waiting. */
public final class Pause {
    private Pause() {
    }

    public static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
