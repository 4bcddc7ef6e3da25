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

    private Duration wait = Duration.ofHours(1);
    private AtDeadline atDeadline = AtDeadline.ABORT;
    private final List<HttpCheck> preChecks = new ArrayList<>();
    private final List<HttpCheck> postChecks = new ArrayList<>();
    private Duration watch = Duration.ofSeconds(30);

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
        return labels;
    }

    static boolean recordedIn(Map<String, String> labels) {
        return labels.containsKey(DEADLINE);
    }

    static PromotionTerms fromLabels(Map<String, String> labels) {
        return manual().withAtDeadline(AtDeadline.fromLabel(labels.get(AT_DEADLINE)))
                .withPreChecks(read(labels.get(PRE_CHECKS), PRE_CHECKS))
                .withPostChecks(read(labels.get(POST_CHECKS), POST_CHECKS))
                .withWatch(Duration.ofSeconds(Long.parseLong(labels.get(WATCH_SECONDS))));
    }

    private static String written(List<HttpCheck> checks) {
        return checks.stream().map(HttpCheck::toString).collect(Collectors.joining("\n"));
    }

    private static List<HttpCheck> read(String written, String label) {
        return written == null || written.isBlank() ? List.of()
                : written.lines().map(line -> HttpCheck.parse(line, label)).toList();
    }
}
