package io.bluegreen.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.router.DrainReport;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP to a Slack stand-in on loopback; every message is checked field by field. */
class SlackNotifierTest {
    private static final String SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private static final String COMMIT_URL = "https://gitlab.example.com/acme/shop/-/commit/" + SHA;
    private static final String DIGEST = "sha256:3f1c5e7a9b2d4f6a8c0e2a4c6e8a0c2e4a6c8e0a1b3d5f7a9c1e3a5c7e9a1b3d";
    private static final Duration DEAD_TIMEOUT = Duration.ofSeconds(1);
    /** Scheduling on a loaded 2-core CI machine; the bound is about hanging, not speed. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final List<String> log = new CopyOnWriteArrayList<>();
    private SlackStandIn slack;
    private SlackNotifier notifier;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackStandIn();
        // Generous: the first call in a JVM on a loaded machine is slow, and these tests are about content.
        notifier = new SlackNotifier(slack.webhookUrl(), log::add).withTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void startedNamesAppTargetColourCommitAndWhoTriggeredIt() throws InterruptedException {
        notifier.send(DeployEvent.started("shop", "staging").withColour("green").withCommit(SHA, COMMIT_URL)
                .withTriggeredBy("minji (push to master)").build());

        JsonNode message = slack.nextMessage();
        assertHeadline(message, ":rocket: Deploying *shop* to *staging*", "#36C5F0");
        assertThat(fields(message)).containsExactly(
                "*Target*\nstaging",
                "*Colour*\ngreen",
                "*Commit*\n<" + COMMIT_URL + "|a1b2c3d4>",
                "*Triggered by*\nminji (push to master)");
        assertThat(slack.lastContentType()).startsWith("application/json");
        assertThat(log).isEmpty();
    }

    @Test
    void succeededShowsColourCommitDigestDurationSwitchTimeAndDrain() throws InterruptedException {
        notifier.send(DeployEvent.succeeded("shop", "production").withColour("green").withPreviousColour("blue")
                .withCommit(SHA, COMMIT_URL).withImageDigest(DIGEST).withDuration(Duration.ofSeconds(83))
                .withSwitchTime(Duration.ofMillis(180))
                .withDrain(new DrainReport(3, 1, Duration.ofSeconds(30), Duration.ofSeconds(30), true).describe())
                .withTriggeredBy("jisoo").build());

        JsonNode message = slack.nextMessage();
        assertHeadline(message, ":white_check_mark: Deployed *shop* to *production*", "#2EB67D");
        assertThat(fields(message)).containsExactly(
                "*Target*\nproduction",
                "*Colour*\ngreen (was blue)",
                "*Commit*\n<" + COMMIT_URL + "|a1b2c3d4>",
                "*Image*\n`" + DIGEST + "`",
                "*Duration*\n1m 23s",
                "*Switch time*\n180 ms",
                "*Drain*\n3 requests in flight at the switch, 1 still running at the 30.0 s drain timeout, ended",
                "*Triggered by*\njisoo");
    }

    @Test
    void failedShowsThePhaseAndTheReasonEscaped() throws InterruptedException {
        notifier.send(DeployEvent.failed("shop", "production").withColour("green").withCommit(SHA, COMMIT_URL)
                .withDuration(Duration.ofMillis(12_400))
                .withFailure("health check", "GET /health answered 502 <html> & gave up after 30 s")
                .withTriggeredBy("jisoo").build());

        JsonNode message = slack.nextMessage();
        assertHeadline(message, ":x: Deploy of *shop* to *production* failed in *health check*", "#E01E5A");
        assertThat(fields(message)).containsExactly(
                "*Target*\nproduction",
                "*Colour*\ngreen",
                "*Commit*\n<" + COMMIT_URL + "|a1b2c3d4>",
                "*Duration*\n12.4 s",
                "*Failed phase*\nhealth check",
                "*Reason*\nGET /health answered 502 &lt;html&gt; &amp; gave up after 30 s",
                "*Triggered by*\njisoo");
    }

    @Test
    void rolledBackNamesTheColourTrafficWentBackTo() throws InterruptedException {
        notifier.send(DeployEvent.rolledBack("shop", "production").withColour("blue").withPreviousColour("green")
                .withSwitchTime(Duration.ofMillis(95)).withTriggeredBy("operator on call").build());

        JsonNode message = slack.nextMessage();
        assertHeadline(message, ":rewind: Rolled back *shop* on *production* to *blue*", "#ECB22E");
        assertThat(fields(message)).containsExactly(
                "*Target*\nproduction",
                "*Colour*\nblue (was green)",
                "*Switch time*\n95 ms",
                "*Triggered by*\noperator on call");
    }

    @Test
    void slackControlCharactersInNamesAreEscapedEverywhere() throws InterruptedException {
        notifier.send(DeployEvent.started("shop<!channel>", "a&b").withTriggeredBy("<@U123>").build());

        JsonNode message = slack.nextMessage();
        assertThat(message.get("text").asText()).isEqualTo(":rocket: Deploying *shop&lt;!channel&gt;* to *a&amp;b*");
        assertThat(fields(message)).containsExactly("*Target*\na&amp;b", "*Triggered by*\n&lt;@U123&gt;");
        assertThat(message.toString()).doesNotContain("<!channel>").doesNotContain("<@U123>");
    }

    @Test
    void commitUrlThatWouldBreakTheLinkIsLeftOut() throws InterruptedException {
        notifier.send(DeployEvent.started("shop", "staging").withCommit(SHA, "https://x.example/a|b>").build());

        assertThat(fields(slack.nextMessage())).contains("*Commit*\n`a1b2c3d4`");
    }

    @Test
    void channelOverrideIsSentOnlyWhenGiven() throws InterruptedException {
        notifier.withChannel("#deploys").send(DeployEvent.started("shop", "staging").build());
        notifier.send(DeployEvent.started("shop", "staging").build());

        assertThat(slack.nextMessage().get("channel").asText()).isEqualTo("#deploys");
        assertThat(slack.nextMessage().has("channel")).isFalse();
    }

    @Test
    void aUrlThatIsNotOneIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> SlackNotifier.fromSecretText("https://hooks.slack.com/services/T0/B0/sec ret", log::add))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Slack webhook URL: is not a URL (Illegal character in path at character 43;")
                .hasMessageNotContaining("sec ret")
                .hasMessageNotContaining("T0/B0");
    }

    @Test
    void slackRefusingTheMessageIsLoggedWithoutTheSecretPath() throws InterruptedException {
        slack.refuseWith(404, "no_service");

        boolean delivered = notifier.post(SlackMessage.of(DeployEvent.started("shop", "staging").build()));

        slack.nextMessage();
        assertThat(delivered).isFalse();
        assertThat(log).singleElement().asString().contains("404").contains("no_service").contains("127.0.0.1")
                .doesNotContain(SlackStandIn.SECRET_PATH).doesNotContain("Xq7secret");
    }

    @Test
    void endpointThatAcceptsButNeverAnswersCostsNoMoreThanTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Connections complete in the kernel's backlog; nobody ever reads or answers.
            assertGivesUpInTime(silent.getLocalPort(), "did not answer within 1000 ms");
        }
    }

    @Test
    void closedPortDoesNotFailTheCaller() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertGivesUpInTime(closedPort, "not delivered to 127.0.0.1");
    }

    @Test
    void plainHttpIsRefusedExceptOnThisMachine() {
        assertThatThrownBy(() -> new SlackNotifier(URI.create("http://hooks.slack.com/services/T/B/X"), log::add))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must use https");
        assertThatThrownBy(() -> new SlackNotifier(URI.create("services/T/B/X"), log::add))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Slack webhook URL");
        assertThatThrownBy(() -> notifier.withTimeout(Duration.ZERO)).isInstanceOf(InvalidInputException.class);
    }

    private static void assertHeadline(JsonNode message, String headline, String colour) {
        assertThat(message.get("text").asText()).isEqualTo(headline);
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("color").asText()).isEqualTo(colour);
        JsonNode section = attachment.get("blocks").get(0);
        assertThat(section.get("type").asText()).isEqualTo("section");
        assertThat(section.get("text").get("type").asText()).isEqualTo("mrkdwn");
        assertThat(section.get("text").get("text").asText()).isEqualTo(headline);
    }

    private static List<String> fields(JsonNode message) {
        List<String> texts = new ArrayList<>();
        JsonNode blocks = message.get("attachments").get(0).get("blocks");
        assertThat(blocks).hasSize(2);
        for (JsonNode field : blocks.get(1).get("fields")) {
            assertThat(field.get("type").asText()).isEqualTo("mrkdwn");
            texts.add(field.get("text").asText());
        }
        return texts;
    }

    /** A send to a dead endpoint returns normally, within the timeout, and logs without the secret path. */
    private void assertGivesUpInTime(int port, String logged) {
        URI url = URI.create("http://127.0.0.1:" + port + SlackStandIn.SECRET_PATH);
        SlackNotifier toDeadEnd = new SlackNotifier(url, log::add).withTimeout(DEAD_TIMEOUT);
        long start = System.nanoTime();

        toDeadEnd.send(DeployEvent.failed("shop", "production").withFailure("pull", "registry down").build());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEAD_TIMEOUT.plus(MARGIN));
        assertThat(log).singleElement().asString().contains(logged).doesNotContain("Xq7secret");
    }
}
