package io.bluegreen.cli;

import io.bluegreen.deploy.PromotionTerms;
import io.bluegreen.health.HttpCheck;
import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** A deploy that stops before the switch, and the terms its colour then waits under. */
public final class PromotionOptions {
    private static final String CHECK_FORM = "'GET /path STATUS [contains TEXT]'";

    @Option(names = "--no-switch", description = "stop before the switch: the new colour waits, healthy and on a preview,"
            + " for 'bluegreen promote' or 'bluegreen abort' from any machine")
    boolean noSwitch;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "3600",
            description = "with --no-switch: how long the new colour waits for promote or abort (default: ${DEFAULT-VALUE})")
    long waitSeconds;

    @Option(names = "--at-deadline", paramLabel = "abort|promote", defaultValue = "abort",
            description = "with --no-switch: what happens when nobody decided within --wait (default: ${DEFAULT-VALUE})")
    String atDeadline;

    @Option(names = "--pre-check", paramLabel = "CHECK", description = "with --no-switch: a check the preview must pass"
            + " before the switch, " + CHECK_FORM + "; any failure aborts (repeatable)")
    List<String> preChecks = new ArrayList<>();

    @Option(names = "--post-check", paramLabel = "CHECK", description = "with --no-switch: a check the live router must"
            + " pass during --watch after the switch, " + CHECK_FORM + "; any failure switches back (repeatable)")
    List<String> postChecks = new ArrayList<>();

    @Option(names = "--watch", paramLabel = "SECONDS", defaultValue = "30",
            description = "with --no-switch: how long the old colour keeps running after the switch while the post-checks"
                    + " run (default: ${DEFAULT-VALUE})")
    long watchSeconds;

    @Option(names = "--preview-port", paramLabel = "[ADDRESS:]PORT", description = "with --no-switch: also open the"
            + " preview on this host port of its own (127.0.0.1 unless an ADDRESS is named), for clients that cannot set a"
            + " Host header; it asks for the preview key too, and goes with promote or abort")
    String previewPort;

    @Option(names = "--detach", description = "with --no-switch: return once the colour waits, instead of waiting with it"
            + " to apply --at-deadline; a promote after the deadline then applies it")
    boolean detach;

    /** The terms, checked before anything changes; refused when they are given without --no-switch. */
    PromotionTerms terms() {
        InvalidInputException.require(noSwitch || (preChecks.isEmpty() && postChecks.isEmpty() && !detach
                        && previewPort == null), "noSwitch",
                "--pre-check, --post-check, --preview-port and --detach apply to a deploy that waits for promotion",
                "add --no-switch, or leave them out");
        PromotionTerms terms = PromotionTerms.manual()
                .withWait(Duration.ofSeconds(waitSeconds))
                .withAtDeadline(atDeadline())
                .withPreChecks(preChecks.stream().map(text -> HttpCheck.parse(text, "preCheck")).toList())
                .withPostChecks(postChecks.stream().map(text -> HttpCheck.parse(text, "postCheck")).toList())
                .withWatch(Duration.ofSeconds(watchSeconds))
                .withPreviewPort(previewPort);
        terms.validate();
        return terms;
    }

    private PromotionTerms.AtDeadline atDeadline() {
        try {
            return PromotionTerms.AtDeadline.valueOf(atDeadline.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("atDeadline", "'" + atDeadline + "' is not what can happen at the deadline",
                    "give abort or promote");
        }
    }
}
