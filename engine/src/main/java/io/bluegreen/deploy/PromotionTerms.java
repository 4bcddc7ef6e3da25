package io.bluegreen.deploy;

import io.bluegreen.health.HttpCheck;
import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The terms under which a colour deployed without the switch waits for promotion: how long, what
 * happens when nobody decided by then, the checks it must pass against its preview before the switch
 * and against the live router after it, and how long the old colour stays running for those. They are
 * kept in the new colour's labels, so whichever process promotes it later applies the same terms.
 */
public final class PromotionTerms {
    /** What happens to a colour nobody promoted or aborted before its deadline. */
    public enum AtDeadline {
        ABORT, PROMOTE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static AtDeadline fromLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    static final String DEADLINE = "io.bluegreen.promotion.deadline";
    static final String AT_DEADLINE = "io.bluegreen.promotion.at-deadline";
    static final String PREVIEW_KEY = "io.bluegreen.promotion.preview-key";
    static final String PRE_CHECKS = "io.bluegreen.promotion.pre-checks";
    static final String POST_CHECKS = "io.bluegreen.promotion.post-checks";
    static final String WATCH_SECONDS = "io.bluegreen.promotion.watch-seconds";
    static final String PREVIEW_PORT = "io.bluegreen.promotion.preview-port";

    private Duration wait = Duration.ofHours(1);
    private AtDeadline atDeadline = AtDeadline.ABORT;
    private final List<HttpCheck> preChecks = new ArrayList<>();
    private final List<HttpCheck> postChecks = new ArrayList<>();
    private Duration watch = Duration.ofSeconds(30);
    private HostPort previewPort;

    /** An address of the host and a port on it. */
    public record HostPort(String address, int port) {
        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    private PromotionTerms() {
    }

    /** An hour to decide, aborted then; no checks; the old colour watched for 30 s after the switch. */
    public static PromotionTerms manual() {
        return new PromotionTerms();
    }

    /** How long the colour waits for a person or a process to promote or abort it. */
    public PromotionTerms withWait(Duration wait) {
        this.wait = wait;
        return this;
    }

    public PromotionTerms withAtDeadline(AtDeadline atDeadline) {
        this.atDeadline = atDeadline;
        return this;
    }

    /** Run against the preview just before the switch; any failure aborts. */
    public PromotionTerms withPreChecks(List<HttpCheck> checks) {
        preChecks.addAll(checks);
        return this;
    }

    /** Run against the live router for the watch after the switch; any failure switches back. */
    public PromotionTerms withPostChecks(List<HttpCheck> checks) {
        postChecks.addAll(checks);
        return this;
    }

    /** How long after the switch the old colour stays running while the post-promotion checks run. */
    public PromotionTerms withWatch(Duration watch) {
        this.watch = watch;
        return this;
    }

    /**
     * A host port of its own for the preview, {@code [ADDRESS:]PORT} (127.0.0.1 unless an address is named), for
     * whoever cannot set a Host header; it still asks for the preview key. Null: the router's host name only.
     */
    public PromotionTerms withPreviewPort(String addressAndPort) {
        if (addressAndPort == null || addressAndPort.isBlank()) {
            return this;
        }
        String text = addressAndPort.strip();
        int colon = text.lastIndexOf(':');
        String port = text.substring(colon + 1);
        InvalidInputException.require(port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535,
                "promotion.previewPort", "'" + text + "' is not [ADDRESS:]PORT", "give e.g. 18080 or 127.0.0.1:18080");
        String address = colon < 0 ? "127.0.0.1" : text.substring(0, colon);
        InvalidInputException.require(address.matches("[0-9A-Za-z.:\\[\\]-]+"), "promotion.previewPort",
                "'" + address + "' is not an address", "give an IP address of the host, e.g. 127.0.0.1");
        previewPort = new HostPort(address, Integer.parseInt(port));
        return this;
    }

    public Duration waitLimit() {
        return wait;
    }

    public AtDeadline atDeadline() {
        return atDeadline;
    }

    public List<HttpCheck> preChecks() {
        return List.copyOf(preChecks);
    }

    public List<HttpCheck> postChecks() {
        return List.copyOf(postChecks);
    }

    public Duration watch() {
        return watch;
    }

    /** The preview's own host port, when one was asked for. */
    public Optional<HostPort> previewPort() {
        return Optional.ofNullable(previewPort);
    }

    /** Refuses bad terms naming the field, before anything on the engine changes. */
    public void validate() {
        InvalidInputException.require(!wait.isNegative() && !wait.isZero(), "promotion.wait",
                wait.toSeconds() + " s leaves no time to decide", "give the seconds to wait for promote or abort, e.g. 3600");
        InvalidInputException.require(!watch.isNegative(), "promotion.watch", watch.toSeconds() + " s is negative",
                "give the seconds the old colour stays running after the switch while the post-checks run, e.g. 30");
    }

    /** The labels that record these terms on the waiting colour's containers. */
    Map<String, String> labels(String previewKey, Instant deployedAt) {
        Map<String, String> labels = new HashMap<>();
        labels.put(DEADLINE, deployedAt.plus(wait).toString());
        labels.put(AT_DEADLINE, atDeadline.label());
        labels.put(PREVIEW_KEY, previewKey);
        labels.put(PRE_CHECKS, written(preChecks));
        labels.put(POST_CHECKS, written(postChecks));
        labels.put(WATCH_SECONDS, Long.toString(watch.toSeconds()));
        previewPort().ifPresent(port -> labels.put(PREVIEW_PORT, port.toString()));
        return labels;
    }

    static boolean recordedIn(Map<String, String> labels) {
        return labels.containsKey(DEADLINE);
    }

    static PromotionTerms fromLabels(Map<String, String> labels) {
        return manual().withAtDeadline(AtDeadline.fromLabel(labels.get(AT_DEADLINE)))
                .withPreChecks(read(labels.get(PRE_CHECKS), PRE_CHECKS))
                .withPostChecks(read(labels.get(POST_CHECKS), POST_CHECKS))
                .withWatch(Duration.ofSeconds(Long.parseLong(labels.get(WATCH_SECONDS))))
                .withPreviewPort(labels.get(PREVIEW_PORT));
    }

    private static String written(List<HttpCheck> checks) {
        return checks.stream().map(HttpCheck::toString).collect(Collectors.joining("\n"));
    }

    private static List<HttpCheck> read(String written, String label) {
        return written == null || written.isBlank() ? List.of()
                : written.lines().map(line -> HttpCheck.parse(line, label)).toList();
    }
}
