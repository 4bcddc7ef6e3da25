package io.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookCommandTest {
    private static final String TOKEN = "cli-test-token";
    private static final String SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private static final String PUSH_TO_MASTER = """
            {"object_kind": "push", "ref": "refs/heads/master",
             "before": "5f2c9d1e7a3b4c6d8e9f0a1b2c3d4e5f60718293", "after": "%1$s", "checkout_sha": "%1$s",
             "user_username": "minji", "user_name": "Minji Kim",
             "project": {"path_with_namespace": "acme/shop", "web_url": "https://gitlab.example.com/acme/shop"},
             "commits": [{"id": "%1$s", "message": "Fix rounding\\n", "url": "x", "author": {"name": "Minji Kim"}}],
             "total_commits_count": 1}
            """.formatted(SHA);

    @TempDir
    Path dir;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void printsOneJsonLinePerMappedPush() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules"), "master -> staging\n");
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        try (WebhookRun webhook = WebhookRun.start("--listen", "127.0.0.1:0", "--rules", rules.toString(),
                "--token-file", token.toString())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(webhook.uri)
                    .header("X-Gitlab-Event", "Push Hook").header("X-Gitlab-Token", TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(PUSH_TO_MASTER)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(202);
            String[] lines = webhook.out().split("\n");
            assertThat(lines).hasSize(1);
            JsonNode decision = new ObjectMapper().readTree(lines[0]);
            assertThat(decision.get("ref").get("kind").asText()).isEqualTo("branch");
            assertThat(decision.get("ref").get("name").asText()).isEqualTo("master");
            assertThat(decision.get("target").asText()).isEqualTo("staging");
            assertThat(decision.get("commit").asText()).isEqualTo(SHA);
            assertThat(decision.get("commitTitle").asText()).isEqualTo("Fix rounding");
            assertThat(decision.get("pusher").asText()).isEqualTo("minji");
            assertThat(decision.get("project").asText()).isEqualTo("acme/shop");
            assertThat(decision.get("commitUrl").asText()).isEqualTo("https://gitlab.example.com/acme/shop/-/commit/" + SHA);
            assertThat(webhook.err()).contains("202").doesNotContain(TOKEN);
        }
    }

    @Test
    void badRulesFileIsBadInput() throws IOException {
        assertThat(runWithRules("master -> staging\nproduction\n", "--listen", "127.0.0.1:0",
                "--token-file", tokenFile())).isEqualTo(Main.BAD_INPUT);
        assertThat(stderr.toString()).contains("rules line 2: 'production' has no '->'");
    }

    @Test
    void missingTokenIsBadInput() throws IOException {
        assertThat(runWithRules("master -> staging", "--listen", "127.0.0.1:0",
                "--token-env", "BLUEGREEN_TEST_UNSET_42")).isEqualTo(Main.BAD_INPUT);
        assertThat(stderr.toString()).contains("BLUEGREEN_TEST_UNSET_42 is not set");
        assertThat(runWithRules("master -> staging", "--listen", "127.0.0.1:0")).isEqualTo(Main.BAD_INPUT);
        assertThat(stderr.toString()).contains("--token-env/--token-file: neither was given");
    }

    @Test
    void listenAddressWithoutPortIsBadInput() throws IOException {
        assertThat(runWithRules("master -> staging", "--listen", "127.0.0.1", "--token-file", tokenFile()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(stderr.toString()).contains("--listen: '127.0.0.1' is not HOST:PORT");
    }

    @Test
    void certificateWithoutKeyIsBadInput() throws IOException {
        Path certificate = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThat(runWithRules("master -> staging", "--listen", "127.0.0.1:0", "--token-file", tokenFile(),
                "--tls-cert", certificate.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(stderr.toString()).contains("--tls-cert/--tls-key: only one of the two was given");
    }

    @Test
    void timeoutOutOfRangeIsBadInput() throws IOException {
        assertThat(runWithRules("master -> staging", "--listen", "127.0.0.1:0", "--token-file", tokenFile(),
                "--header-timeout", "0")).isEqualTo(Main.BAD_INPUT);
        assertThat(stderr.toString()).contains("--header-timeout: 0.0 seconds is out of range");
    }

    /** Only bad input comes back: a good command line would listen until stopped. */
    private int runWithRules(String rulesText, String... options) throws IOException {
        Path rules = Files.writeString(dir.resolve("rules"), rulesText);
        String[] args = new String[options.length + 3];
        args[0] = "webhook";
        args[1] = "--rules";
        args[2] = rules.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        PrintStream original = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            return Main.run(args);
        } finally {
            System.setErr(original);
        }
    }

    private String tokenFile() throws IOException {
        return Files.writeString(dir.resolve("token"), TOKEN).toString();
    }
}
