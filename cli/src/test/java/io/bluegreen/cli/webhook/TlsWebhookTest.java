package io.bluegreen.cli.webhook;

import static io.bluegreen.gitlab.GitLabSamples.TOKEN;
import static io.bluegreen.gitlab.GitLabSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.gitlab.GitRef;
import io.bluegreen.gitlab.WebhookHandler;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook server over HTTPS with a certificate and key made by the test, as PEM text. */
class TlsWebhookTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);

    private TestCertificate certificate;
    private GitLabStandIn gitlab;

    @BeforeEach
    void start() throws Exception {
        certificate = TestCertificate.forLoopback();
        gitlab = new GitLabStandIn(GitLabStandIn.handler("master -> staging"),
                new ServerLimits(HEADER_TIMEOUT, Duration.ofSeconds(3), 64, WebhookHandler.DEFAULT_MAX_BODY_BYTES),
                Optional.of(certificate.identity()), HttpClient.newBuilder().sslContext(certificate.trustingClient()));
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    @Test
    void aPushOverHttpsDeploys() {
        assertThat(gitlab.server.uri().getScheme()).isEqualTo("https");

        HttpResponse<String> response = gitlab.post(WebhookHandler.PUSH_HOOK, TOKEN, sample("push-master.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(gitlab.takeDecisions()).singleElement()
                .satisfies(decision -> assertThat(decision.ref()).isEqualTo(GitRef.branch("master")));
    }

    @Test
    void plainHttpToTheHttpsPortGetsNoDeploy() {
        HttpRequest plain = HttpRequest.newBuilder(gitlab.server.uri().resolve("/hook").toString().replace("https:", "http:")
                        .transform(URI::create))
                .timeout(Duration.ofSeconds(5))
                .header(WebhookHandler.EVENT_HEADER, WebhookHandler.PUSH_HOOK).header(WebhookHandler.TOKEN_HEADER, TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(sample("push-master.json"))).build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(gitlab.takeDecisions()).isEmpty();
    }

    @Test
    void aConnectionThatNeverStartsTheHandshakeIsClosedAtTheHeaderTimeout() throws IOException {
        try (Socket silent = new Socket()) {
            long opened = System.nanoTime();
            silent.connect(gitlab.server.address(), 2_000);
            silent.setSoTimeout((int) HEADER_TIMEOUT.multipliedBy(4).toMillis());
            int read;
            try {
                read = silent.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            Duration closedAfter = Duration.ofNanos(System.nanoTime() - opened);

            assertThat(read).isEqualTo(-1);
            assertThat(closedAfter).isBetween(HEADER_TIMEOUT.minusMillis(500), HEADER_TIMEOUT.plusMillis(750));
        }
    }

    @Test
    void aKeyThatIsNotPemIsRefusedNamingBothFlags() {
        ServerIdentity broken = new ServerIdentity(certificate.certificatePem(),
                "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), GitLabStandIn.DEFAULT_LIMITS,
                Optional.of(broken), GitLabStandIn.handler("master -> staging"), decision -> { }, line -> { }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--tls-cert/--tls-key")
                .hasMessageNotContaining("bm90IGEga2V5");
    }

    @Test
    void theKeyNeverShowsInTheIdentitysText() {
        assertThat(certificate.identity().toString()).doesNotContain("PRIVATE").doesNotContain(certificate.keyPem().substring(40, 80));
    }
}
