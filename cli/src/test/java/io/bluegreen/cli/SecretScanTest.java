package io.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.sun.net.httpserver.HttpServer;
import io.bluegreen.cli.webhook.TestCertificate;
import io.bluegreen.gitlab.GitLabSamples;
import io.bluegreen.testbed.HostsFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.testbed.TestHosts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret set at once (registry password, the engine's TLS key, the webhook's token and TLS key,
 * Slack webhook URLs), then the real thing: push and retag with a login, deploy over TLS to a host
 * with Slack told, fail a deploy, roll back with Slack unreachable, read status and history, and
 * receive webhooks over HTTPS. Then every output (stdout and stderr of each command, the webhook's
 * answers and log, what Slack received, and `docker inspect` of every container the app, its router
 * and its lock left on the engine, labels and environment included) is searched for every secret.
 */
@RequiresTestBed
class SecretScanTest {
    private static final int HOST = 4;
    private static final Path ENGINE_TLS = TestHosts.clientTlsDirectory();

    private final HostsFixture fixture = new HostsFixture(HOST);
    private final Map<String, String> shown = new LinkedHashMap<>();
    private final List<String> slackReceived = new CopyOnWriteArrayList<>();
    private HttpServer slack;

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        fixture.cleanUp();
        if (slack != null) {
            slack.stop(0);
        }
    }

    @Test
    void noSecretShowsAnywhereAUserOrAnotherProgramCanRead() throws Exception {
        String random = UUID.randomUUID().toString().replace("-", "");
        String slackPath = "/services/T" + random.substring(0, 8) + "/B" + random.substring(8, 16) + "/" + random;
        String slackUrl = startSlack(slackPath);
        String deadSlackUrl = "http://127.0.0.1:" + closedPort() + "/services/TDEAD/BDEAD/dead" + random;
        String wrongPassword = "wrong-" + random;
        String webhookToken = "hook-" + random;
        TestCertificate webhookCertificate = TestCertificate.forLoopback();
        Map<String, List<String>> secrets = new LinkedHashMap<>();
        secrets.put("registry password", List.of(TestBed.AUTH_PASSWORD));
        secrets.put("wrong registry password", List.of(wrongPassword));
        secrets.put("engine TLS key", pemLines(Files.readString(ENGINE_TLS.resolve("key.pem"))));
        secrets.put("webhook TLS key", pemLines(webhookCertificate.keyPem()));
        secrets.put("webhook token", List.of(webhookToken));
        secrets.put("Slack webhook URL", List.of(slackUrl, slackPath));
        secrets.put("unreachable Slack webhook URL", List.of(deadSlackUrl, "dead" + random));
        Path slackFile = Files.writeString(dir.resolve("slack.url"), slackUrl + "\n");
        Path deadSlackFile = Files.writeString(dir.resolve("dead-slack.url"), deadSlackUrl + "\n");

        useTheRegistryWithALogin(wrongPassword);
        String app = deployAndRollBackOverTls(slackFile, deadSlackFile);
        receiveWebhooks(webhookToken, webhookCertificate);
        inspectWhatTheEngineHolds(app);
        for (int i = 0; i < slackReceived.size(); i++) {
            shown.put("Slack message " + (i + 1), slackReceived.get(i));
        }

        assertThat(slackReceived).as("Slack was told, so its URL was used").hasSizeGreaterThanOrEqualTo(3);
        assertThat(shown.keySet()).as("what was searched").hasSizeGreaterThan(15);
        List<String> found = new ArrayList<>();
        secrets.forEach((secret, values) -> shown.forEach((where, text) -> values.stream().filter(text::contains)
                .findFirst().ifPresent(value -> found.add(secret + " in " + where))));
        assertThat(found).as("secrets found").isEmpty();
        System.out.println("secret scan: " + secrets.size() + " secrets, " + secrets.values().stream().mapToInt(List::size).sum()
                + " values, searched in " + shown.size() + " outputs (" + shown.values().stream().mapToInt(String::length).sum()
                + " characters): none found");
    }

    private void useTheRegistryWithALogin(String wrongPassword) {
        String repository = TestBed.AUTH_REGISTRY + "/" + TestBed.uniqueName("bgt-secrets/app");
        DockerClient docker = TestBed.docker();
        docker.tagImageCmd(TestBed.APP_V1, repository, "v1").exec();
        try {
            run("push with the password", TestBed.AUTH_PASSWORD + "\n", 0, "push", repository + ":v1",
                    "--registry-user", TestBed.AUTH_USER, "--registry-password-stdin");
            run("retag with the password", TestBed.AUTH_PASSWORD + "\n", 0, "retag", repository + ":v1", "latest",
                    "--registry-user", TestBed.AUTH_USER, "--registry-password-stdin");
            run("push with a wrong password", wrongPassword + "\n", Main.BAD_INPUT, "push", repository + ":v1",
                    "--registry-user", TestBed.AUTH_USER, "--registry-password-stdin");
        } finally {
            docker.removeImageCmd(repository + ":v1").exec();
        }
    }

    /**
     * On a host over TLS: a deploy with Slack told, one that fails its health check, a rollback with
     * Slack unreachable, status and history; the app's name. The two rollouts first only bring both
     * images onto the host (the single-host deploy uses what the engine has).
     */
    private String deployAndRollBackOverTls(Path slackFile, Path deadSlackFile) {
        String app = fixture.newApp("bgt-secrets");
        run("hosts deploy v2", "", 0, hosts("deploy", app, "--image", TestHosts.image("app:v2")));
        run("hosts deploy v1", "", 0, hosts("deploy", app, "--image", TestHosts.image("app:v1")));
        List<String> slack = List.of("--slack-webhook-file", slackFile.toString(), "--target-name", "scan");
        run("deploy v2", "", 0, single("deploy", app, slack, deployOptions(), "--image", TestHosts.image("app:v2")));
        run("deploy that fails its health check", "", Main.FAILED, single("deploy", app, slack, deployOptions(),
                "--image", TestHosts.image("app:v1"), "--health-path", "/not-there", "--health-deadline", "2"));
        run("rollback, Slack unreachable", "", 0, single("rollback", app,
                List.of("--slack-webhook-file", deadSlackFile.toString()), deployOptions()));
        run("status", "", 0, single("status", app, List.of(), List.of()));
        run("history", "", 0, single("history", app, List.of(), List.of()));
        run("hosts status", "", 0, hosts("status", app));
        run("hosts history", "", 0, hosts("history", app));
        return app;
    }

    private void receiveWebhooks(String token, TestCertificate certificate) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules"), "master -> staging\n");
        Path tokenFile = Files.writeString(dir.resolve("token"), token + "\n");
        Path cert = Files.writeString(dir.resolve("hook.crt"), certificate.certificatePem());
        Path key = Files.writeString(dir.resolve("hook.key"), certificate.keyPem());
        HttpClient client = HttpClient.newBuilder().sslContext(certificate.trustingClient()).build();
        try (WebhookRun webhook = WebhookRun.start("--listen", "127.0.0.1:0", "--rules", rules.toString(),
                "--token-file", tokenFile.toString(), "--tls-cert", cert.toString(), "--tls-key", key.toString())) {
            for (String sent : List.of(token, token.substring(1), token + "x")) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(webhook.uri)
                        .header("X-Gitlab-Event", "Push Hook").header("X-Gitlab-Token", sent)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(GitLabSamples.sample("push-master.json"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                shown.put("webhook answer to token " + (sent.equals(token) ? "right" : "wrong"), answer.statusCode()
                        + " " + answer.headers().map() + " " + answer.body());
            }
            assertThat(webhook.out()).as("the right token deployed").contains("\"target\":\"staging\"");
            shown.put("webhook stdout", webhook.out());
            shown.put("webhook stderr", webhook.err());
        }
    }

    /** Every container of the app, its router and its lock on the host, as docker inspect shows it. */
    private void inspectWhatTheEngineHolds(String app) throws IOException {
        DockerClient engine = fixture.engine(HOST);
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        int inspected = 0;
        for (Container container : engine.listContainersCmd().withShowAll(true).exec()) {
            String name = container.getNames()[0];
            if (name.contains(app) || name.contains(fixture.routerName)) {
                shown.put("docker inspect " + name, json.writeValueAsString(engine.inspectContainerCmd(container.getId()).exec()));
                inspected++;
            }
        }
        assertThat(inspected).as("containers of the app and its router").isGreaterThanOrEqualTo(3);
    }

    private void run(String what, String stdin, int exitCode, String... args) {
        run(what, stdin, exitCode, List.of(args));
    }

    private void run(String what, String stdin, int exitCode, List<String> args) {
        CliRun run = CliRun.withStdin(stdin, args.toArray(String[]::new));
        shown.put(what + ": stdout", run.out());
        shown.put(what + ": stderr", run.err());
        assertThat(run.exitCode()).as(what + "\n" + run.out() + run.err()).isEqualTo(exitCode);
    }

    private List<String> hosts(String command, String app, String... more) {
        List<String> args = new ArrayList<>(List.of(command, app, "--host", TestHosts.host(HOST).uri().toString()));
        args.addAll(engineTls());
        args.addAll(router());
        if (command.equals("deploy")) {
            args.addAll(deployOptions());
        }
        args.addAll(List.of(more));
        return args;
    }

    private List<String> single(String command, String app, List<String> notify, List<String> spec, String... more) {
        List<String> args = new ArrayList<>(List.of(command, app, "--engine", TestHosts.host(HOST).uri().toString()));
        args.addAll(engineTls());
        args.addAll(router());
        args.addAll(List.of("--reach", TestHosts.address(HOST)));
        args.addAll(notify);
        args.addAll(spec);
        args.addAll(List.of(more));
        return args;
    }

    private static List<String> engineTls() {
        return List.of("--tls-ca", ENGINE_TLS.resolve("ca.pem").toString(), "--tls-cert", ENGINE_TLS.resolve("cert.pem").toString(),
                "--tls-key", ENGINE_TLS.resolve("key.pem").toString());
    }

    private List<String> router() {
        return List.of("--router-name", fixture.routerName, "--router-image", TestHosts.image("nginx:latest"),
                "--publish", "0.0.0.0:" + fixture.routerPort);
    }

    private List<String> deployOptions() {
        return List.of("--network", fixture.network, "--port", String.valueOf(TestBed.APP_PORT), "--stop-timeout", "1");
    }

    private String startSlack(String path) throws IOException {
        slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext(path, exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                slackReceived.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slack.start();
        return "http://127.0.0.1:" + slack.getAddress().getPort() + path;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A PEM key's base64 lines: any one of them showing would show part of the key. */
    private static List<String> pemLines(String pem) {
        return pem.lines().filter(line -> !line.startsWith("-----") && line.length() >= 16).toList();
    }
}
