package io.bluegreen.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;

/**
 * The Slack incoming-webhook payload for one {@link DeployEvent}: {@code text} for notifications and
 * clients without blocks, and one attachment whose colour bar says how it went, holding a headline
 * section and a section of fields. Every field the event has is shown, in a fixed order, so a
 * success shows colour, commit, digest, duration and switch time, and a failure its phase and reason.
 * Text from the event is escaped ({@code & < >}) as Slack's formatting rules require.
 */
public final class SlackMessage {
    /** Slack cuts a section field at 2,000 characters; a container's log tail can be longer. */
    private static final int FIELD_LIMIT = 1_500;
    private static final int SHORT_SHA = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeployEvent event;
    private final String channel;

    private SlackMessage(DeployEvent event, String channel) {
        this.event = event;
        this.channel = channel;
    }

    public static SlackMessage of(DeployEvent event) {
        return new SlackMessage(event, null);
    }

    /** Only legacy webhooks honour this; a Slack app's webhook always posts to the channel it was made for. */
    public SlackMessage withChannel(String channel) {
        return new SlackMessage(event, channel);
    }

    public ObjectNode toJson() {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("text", headline());
        if (channel != null && !channel.isBlank()) {
            payload.put("channel", channel);
        }
        ObjectNode attachment = payload.putArray("attachments").addObject();
        attachment.put("color", colourBar());
        ArrayNode blocks = attachment.putArray("blocks");
        ObjectNode headline = blocks.addObject().put("type", "section");
        headline.putObject("text").put("type", "mrkdwn").put("text", headline());
        ArrayNode fields = JSON.createArrayNode();
        addField(fields, "Target", escape(event.target()));
        addField(fields, "Colour", colours());
        addField(fields, "Commit", commitLink());
        addField(fields, "Image", event.imageDigest() == null ? null : "`" + escape(event.imageDigest()) + "`");
        addField(fields, "Duration", format(event.duration()));
        addField(fields, "Switch time", format(event.switchTime()));
        addField(fields, "Drain", escape(event.drain()));
        addField(fields, "Failed phase", escape(event.failedPhase()));
        addField(fields, "Reason", escape(truncate(event.failureReason())));
        addField(fields, "Triggered by", escape(event.triggeredBy()));
        addField(fields, "Preview", event.preview() == null ? null : "`" + escape(event.preview()) + "`");
        addField(fields, "Decide by", escape(event.deadline()));
        if (!fields.isEmpty()) {
            blocks.addObject().put("type", "section").set("fields", fields);
        }
        return payload;
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Slack's rule: exactly these three characters are control characters and must be entities. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private String headline() {
        String app = "*" + escape(event.app()) + "*";
        String target = "*" + escape(event.target()) + "*";
        return switch (event.kind()) {
            case STARTED -> ":rocket: Deploying " + app + " to " + target;
            case SUCCEEDED -> ":white_check_mark: Deployed " + app + " to " + target;
            case FAILED -> ":x: Deploy of " + app + " to " + target + " failed"
                    + (event.failedPhase() == null ? "" : " in *" + escape(event.failedPhase()) + "*");
            case ROLLED_BACK -> ":rewind: Rolled back " + app + " on " + target
                    + (event.colour() == null ? "" : " to *" + escape(event.colour()) + "*");
            case AWAITING_PROMOTION -> ":hourglass: " + app + " on " + target + " awaits promotion"
                    + (event.colour() == null ? "" : ": *" + escape(event.colour()) + "* is ready on its preview");
        };
    }

    private String colourBar() {
        return switch (event.kind()) {
            case STARTED -> "#36C5F0";
            case SUCCEEDED -> "#2EB67D";
            case FAILED -> "#E01E5A";
            case ROLLED_BACK -> "#ECB22E";
            case AWAITING_PROMOTION -> "#A0A0A0";
        };
    }

    private String colours() {
        if (event.colour() == null) {
            return null;
        }
        return escape(event.colour()) + (event.previousColour() == null ? "" : " (was " + escape(event.previousColour()) + ")");
    }

    /** {@code <url|abcdef12>} links the short sha to GitLab; a URL that would break the link is left out. */
    private String commitLink() {
        String sha = event.commit();
        if (sha == null) {
            return null;
        }
        String shortSha = escape(sha.length() > SHORT_SHA ? sha.substring(0, SHORT_SHA) : sha);
        String url = event.commitUrl();
        boolean linkable = url != null && (url.startsWith("https://") || url.startsWith("http://"))
                && url.chars().noneMatch(c -> c <= ' ' || c == '|' || c == '<' || c == '>');
        return linkable ? "<" + escape(url) + "|" + shortSha + ">" : "`" + shortSha + "`";
    }

    private static void addField(ArrayNode fields, String title, String mrkdwn) {
        if (mrkdwn != null) {
            fields.addObject().put("type", "mrkdwn").put("text", "*" + title + "*\n" + mrkdwn);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= FIELD_LIMIT ? text : text.substring(0, FIELD_LIMIT) + "…";
    }

    /** 850 ms, 12.4 s, 3m 05s: the units an operator reads without thinking. */
    static String format(Duration duration) {
        if (duration == null) {
            return null;
        }
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm %02ds", duration.toMinutes(), duration.toSecondsPart());
    }
}
