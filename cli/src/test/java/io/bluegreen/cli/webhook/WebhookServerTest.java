package io.bluegreen.cli.webhook;

import static io.bluegreen.gitlab.GitLabSamples.TOKEN;
import static io.bluegreen.gitlab.GitLabSamples.sample;
import static io.bluegreen.gitlab.WebhookHandler.PUSH_HOOK;
import static io.bluegreen.gitlab.WebhookHandler.TAG_PUSH_HOOK;
import static org.assertj.core.api.Assertions.assertThat;

import io.bluegreen.gitlab.DeployDecision;
import io.bluegreen.gitlab.GitRef;
import io.bluegreen.gitlab.WebhookHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP calls in GitLab's format against the webhook served on loopback. */
class WebhookServerTest {
    private static final String RULES = """
            # the team's write-up: master goes to staging, production to production
            master -> staging
            production -> production
            """;
    private static final String SHOP = "https://gitlab.example.com/acme/shop";

    private GitLabStandIn gitlab;

    @BeforeEach
    void start() throws IOException {
        gitlab = new GitLabStandIn(GitLabStandIn.handler(RULES));
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    @Test
    void pushToMasterDeploysStaging() {
        HttpResponse<String> response = gitlab.post(PUSH_HOOK, TOKEN, sample("push-master.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("staging");
        List<DeployDecision> decisions = gitlab.takeDecisions();
        assertThat(decisions).hasSize(1);
        DeployDecision decision = decisions.get(0);
        assertThat(decision.ref()).isEqualTo(GitRef.branch("master"));
        assertThat(decision.commit()).isEqualTo("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
        assertThat(decision.commitTitle()).isEqualTo("Fix rounding of VAT in the basket");
        assertThat(decision.target()).isEqualTo("staging");
        assertThat(decision.project()).isEqualTo("acme/shop");
        assertThat(decision.pusher()).isEqualTo("minji");
        assertThat(decision.compareUrl()).isEqualTo(SHOP
                + "/-/compare/5f2c9d1e7a3b4c6d8e9f0a1b2c3d4e5f60718293...a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
        assertThat(decision.commitUrl()).isEqualTo(SHOP + "/-/commit/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
        assertThat(gitlab.logLines).anyMatch(line -> line.contains("202") && line.contains("staging"));
    }

    @Test
    void pushToProductionDeploysProduction() {
        HttpResponse<String> response = gitlab.post(PUSH_HOOK, TOKEN, sample("push-production.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        DeployDecision decision = gitlab.takeDecisions().get(0);
        assertThat(decision.ref()).isEqualTo(GitRef.branch("production"));
        assertThat(decision.target()).isEqualTo("production");
        assertThat(decision.commit()).isEqualTo("b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0");
        assertThat(decision.pusher()).isEqualTo("jisoo");
        assertThat(decision.commitTitle()).isEqualTo("Merge branch 'master' into 'production'");
    }

    @Test
    void branchDeletionIsAcknowledgedAndDeploysNothing() {
        assertNothingTriggered(gitlab.post(PUSH_HOOK, TOKEN, sample("push-delete-master.json")), 200, "deleted");
    }

    @Test
    void unmappedBranchIsAcknowledgedAndDeploysNothing() {
        assertNothingTriggered(gitlab.post(PUSH_HOOK, TOKEN, sample("push-feature.json")), 200,
                "no rule for branch feature/search");
    }

    @Test
    void tagPushWithoutATagRuleDeploysNothing() {
        assertNothingTriggered(gitlab.post(TAG_PUSH_HOOK, TOKEN, sample("tag-push-v1.4.0.json")), 200,
                "no rule for tag v1.4.0");
    }

    @Test
    void tagPushDeploysTheTaggedCommitWhenARuleAsksForTags() throws IOException {
        try (GitLabStandIn tagged = new GitLabStandIn(GitLabStandIn.handler(RULES + "tag:v* -> production\n"))) {
            HttpResponse<String> response = tagged.post(TAG_PUSH_HOOK, TOKEN, sample("tag-push-v1.4.0.json"));

            assertThat(response.statusCode()).isEqualTo(202);
            DeployDecision decision = tagged.takeDecisions().get(0);
            assertThat(decision.ref()).isEqualTo(GitRef.tag("v1.4.0"));
            assertThat(decision.target()).isEqualTo("production");
            // an annotated tag's "after" is the tag object; the commit is checkout_sha
            assertThat(decision.commit()).isEqualTo("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
            assertThat(decision.compareUrl()).isEqualTo(decision.commitUrl());
        }
    }

    @Test
    void wrongTokenIsRefusedAndTriggersNothing() {
        HttpResponse<String> response = gitlab.post(PUSH_HOOK, "not-the-token", sample("push-master.json"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(TOKEN).doesNotContain("staging");
        assertThat(gitlab.takeDecisions()).isEmpty();
    }

    @Test
    void missingTokenIsRefusedAndTriggersNothing() {
        assertNothingTriggered(gitlab.post(PUSH_HOOK, null, sample("push-master.json")), 401, "X-Gitlab-Token");
    }

    @Test
    void tokenThatOnlyStartsLikeTheRightOneIsRefused() {
        assertThat(gitlab.post(PUSH_HOOK, TOKEN + "x", sample("push-master.json")).statusCode()).isEqualTo(401);
        assertThat(gitlab.post(PUSH_HOOK, TOKEN.substring(1), sample("push-master.json")).statusCode()).isEqualTo(401);
        assertThat(gitlab.takeDecisions()).isEmpty();
    }

    @Test
    void malformedJsonIsABadRequest() {
        byte[] master = sample("push-master.json");
        assertNothingTriggered(gitlab.post(PUSH_HOOK, TOKEN, Arrays.copyOf(master, master.length / 2)), 400,
                "malformed JSON");
    }

    @Test
    void jsonWithoutTheFieldsOfAPushIsABadRequestNamingTheField() {
        String withoutRef = new String(sample("push-master.json"), StandardCharsets.UTF_8)
                .replace("\"ref\": \"refs/heads/master\",", "");
        assertNothingTriggered(gitlab.post(PUSH_HOOK, TOKEN, withoutRef.getBytes(StandardCharsets.UTF_8)), 400,
                "ref: is missing");
    }

    @Test
    void eventHeaderThatContradictsThePayloadIsABadRequest() {
        assertNothingTriggered(gitlab.post(TAG_PUSH_HOOK, TOKEN, sample("push-master.json")), 400,
                "does not match X-Gitlab-Event");
    }

    @Test
    void otherGitLabEventsAreAcknowledgedAndDeployNothing() {
        assertNothingTriggered(gitlab.post("Merge Request Hook", TOKEN, "{\"object_kind\":\"merge_request\"}"
                .getBytes(StandardCharsets.UTF_8)), 200, "Merge Request Hook");
    }

    @Test
    void missingEventHeaderIsABadRequest() {
        assertNothingTriggered(gitlab.post(null, TOKEN, sample("push-master.json")), 400, "X-Gitlab-Event");
    }

    @Test
    void bodyOverTheLimitIsRefusedWithItsDeclaredLength() {
        byte[] padded = padTo(sample("push-master.json"), (int) WebhookHandler.DEFAULT_MAX_BODY_BYTES + 1);
        assertNothingTriggered(gitlab.post(PUSH_HOOK, TOKEN, padded), 413, "larger than 1048576 bytes");
    }

    @Test
    void bodyExactlyAtTheLimitIsRead() {
        byte[] padded = padTo(sample("push-master.json"), (int) WebhookHandler.DEFAULT_MAX_BODY_BYTES);

        assertThat(gitlab.post(PUSH_HOOK, TOKEN, padded).statusCode()).isEqualTo(202);
        assertThat(gitlab.takeDecisions()).hasSize(1);
    }

    @Test
    void streamedBodyWithoutDeclaredLengthIsCutAtTheLimit() {
        byte[] padded = padTo(sample("push-master.json"), (int) WebhookHandler.DEFAULT_MAX_BODY_BYTES + 4096);
        HttpRequest chunked = gitlab.request(PUSH_HOOK, TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded)))
                .build();

        assertNothingTriggered(gitlab.send(chunked), 413, "larger than");
    }

    @Test
    void hugeDeclaredBodyIsAnsweredBeforeItIsSent() throws IOException {
        // 100 MB announced, 1 KB sent: the answer must come without waiting for the rest.
        try (Socket socket = new Socket()) {
            socket.connect(gitlab.server.address(), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-Gitlab-Event: Push Hook\r\nX-Gitlab-Token: " + TOKEN + "\r\n"
                    + "Content-Length: 100000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(statusLine).isEqualTo("HTTP/1.1 413");
        }
        assertThat(gitlab.takeDecisions()).isEmpty();
    }

    @Test
    void onlyPostIsAccepted() {
        assertNothingTriggered(gitlab.send(gitlab.request(PUSH_HOOK, TOKEN).GET().build()), 405, "POST");
    }

    @Test
    void headerNamesAreMatchedWithoutRegardToCase() {
        HttpRequest request = gitlab.request(null, null)
                .header("x-gitlab-event", PUSH_HOOK)
                .header("X-GITLAB-TOKEN", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(sample("push-master.json")))
                .build();

        assertThat(gitlab.send(request).statusCode()).isEqualTo(202);
        assertThat(gitlab.takeDecisions()).hasSize(1);
    }

    @Test
    void aDeployThatCannotBeScheduledIsReportedAsAServerFault() throws IOException {
        WebhookHandler handler = GitLabStandIn.handler(RULES);
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (WebhookServer failing = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0),
                GitLabStandIn.DEFAULT_LIMITS, Optional.empty(), handler, decision -> {
                    throw new IllegalStateException("queue full");
                }, log::add)) {
            HttpResponse<String> response = gitlab.send(HttpRequest.newBuilder(failing.uri())
                    .header(WebhookHandler.EVENT_HEADER, PUSH_HOOK).header(WebhookHandler.TOKEN_HEADER, TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sample("push-master.json"))).build());

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(log).anyMatch(line -> line.contains("queue full"));
        }
    }

    private void assertNothingTriggered(HttpResponse<String> response, int status, String reasonPart) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).contains(reasonPart);
        assertThat(gitlab.takeDecisions()).isEmpty();
    }

    /** Keeps the payload valid JSON by padding inside it with spaces, which JSON ignores. */
    static byte[] padTo(byte[] json, int size) {
        String text = new String(json, StandardCharsets.UTF_8).strip();
        String open = text.substring(0, text.length() - 1);
        String padding = " ".repeat(size - text.getBytes(StandardCharsets.UTF_8).length);
        return (open + padding + "}").getBytes(StandardCharsets.UTF_8);
    }
}
