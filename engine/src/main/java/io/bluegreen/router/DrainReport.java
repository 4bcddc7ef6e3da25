package io.bluegreen.router;

import java.time.Duration;
import java.util.Locale;

/**
 * How the old colour was drained after a switch: how many requests routed to it were still running
 * at the switch, how long the router waited for them, and how many were still running when the
 * drain timeout ended the wait (they end when the old colour stops). A router that cannot see
 * requests ({@code counted} false) waited the whole timeout instead.
 */
public record DrainReport(int inFlightAtSwitch, int endedAtTimeout, Duration took, Duration timeout, boolean counted) {

    /** A drain that could not count, so it waited the whole timeout. */
    public static DrainReport timed(Duration timeout) {
        return new DrainReport(0, 0, timeout, timeout, false);
    }

    /** One line for the phase log, the build page and Slack. */
    public String describe() {
        if (!counted) {
            return "waited the whole " + seconds(timeout) + " drain timeout (this router cannot see in-flight requests)";
        }
        if (inFlightAtSwitch == 0 && endedAtTimeout == 0) {
            return "no request in flight";
        }
        String atSwitch = inFlightAtSwitch + (inFlightAtSwitch == 1 ? " request" : " requests") + " in flight at the switch";
        return endedAtTimeout == 0
                ? atSwitch + ", all finished in " + seconds(took)
                : atSwitch + ", " + endedAtTimeout + " still running at the " + seconds(timeout) + " drain timeout, ended";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
