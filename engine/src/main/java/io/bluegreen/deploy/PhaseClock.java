package io.bluegreen.deploy;

import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Times the phases of one deploy and writes one line per phase, e.g.
 * {@code [shop-web] healthy  green   1.2s  commit 1a2b3c4 sha256:0123456789ab…}. A phase that throws
 * is logged as FAILED and turned into a {@link DeployFailedException} naming the phase. Two phases
 * may run at once (stage beside healthy), so the durations are guarded.
 */
public final class PhaseClock {
    private final String app;
    private final OperatorLog log;
    private final List<DeployListener> listeners;
    private final Map<Phase, Duration> durations = new EnumMap<>(Phase.class);
    private String subject = "";

    public PhaseClock(String app, OperatorLog log, List<DeployListener> listeners) {
        this.app = app;
        this.log = log;
        this.listeners = listeners;
    }

    /** What the following lines are about: the commit and digest being rolled out. */
    public void about(ImageFacts image) {
        subject = "commit " + ImageFacts.shortCommit(image.commit()) + " " + ImageFacts.shortDigest(image.digest());
    }

    public <T> T phase(Phase phase, Colour colour, Supplier<T> work) {
        return phase(phase, colour, work, result -> "");
    }

    /** A phase whose line also says what it found, e.g. the drain's requests in flight. */
    public <T> T phase(Phase phase, Colour colour, Supplier<T> work, Function<T, String> detail) {
        long start = System.nanoTime();
        try {
            T result = work.get();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            synchronized (durations) {
                durations.merge(phase, took, Duration::plus);
            }
            String found = detail.apply(result);
            log.line(line(phase, colour, took) + "  " + (found.isEmpty() ? "" : found + "  ") + subject);
            listeners.forEach(listener -> notifyQuietly(log, () -> listener.phaseFinished(app, phase, took)));
            return result;
        } catch (DeployFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            log.line(line(phase, colour, took) + "  FAILED: " + firstLine(e.getMessage()));
            throw new DeployFailedException(app, phase, e.getMessage(), e);
        }
    }

    public void phase(Phase phase, Colour colour, Runnable work) {
        phase(phase, colour, () -> {
            work.run();
            return null;
        });
    }

    /** Tells listeners the deploy is under way: its input passed the checks. */
    public void started(String commit) {
        listeners.forEach(listener -> notifyQuietly(log, () -> listener.started(app, commit)));
    }

    /** Tells listeners about a failure once the caller has cleaned up and written the full message. */
    public void failed(DeployFailedException failure) {
        listeners.forEach(listener -> notifyQuietly(log, () -> listener.failed(app, failure.phase(), failure)));
    }

    public void awaitingPromotion(WaitingColour waiting, String preview) {
        listeners.forEach(listener -> notifyQuietly(log, () -> listener.awaitingPromotion(waiting, preview)));
    }

    public void succeeded(DeployResult result) {
        listeners.forEach(listener -> notifyQuietly(log, () -> listener.succeeded(result)));
    }

    public Map<Phase, Duration> durations() {
        synchronized (durations) {
            return Map.copyOf(durations);
        }
    }

    private String line(Phase phase, Colour colour, Duration took) {
        return String.format(Locale.ROOT, "[%s] %-8s %-5s %6.2fs", app, phase.label(),
                colour == null ? "-" : colour.label(), took.toNanos() / 1e9);
    }

    /** A listener that throws is logged and ignored: a notification never decides how a deploy ends. */
    static void notifyQuietly(OperatorLog log, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("a deploy listener failed (ignored): " + e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " …";
    }
}
