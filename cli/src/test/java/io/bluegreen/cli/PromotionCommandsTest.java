package io.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bluegreen.deploy.AppInspector;
import io.bluegreen.deploy.WaitingColour;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.image.ImageReference;
import io.bluegreen.notify.SlackStandIn;
import io.bluegreen.router.NginxRouter;
import io.bluegreen.targets.EngineEndpoint;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.testbed.TestImages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** deploy --no-switch, status, promote and abort from the command line, under steady traffic, and their refusals. */
@RequiresTestBed
class PromotionCommandsTest {
    private static final DeployFixture fixture = new DeployFixture();

    private static final ImageReference release = ImageReference.parse(
            TestBed.REGISTRY + "/" + TestBed.uniqueName("bgt-cli-promote/app") + ":release", "image");

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
        TestImages.remove(fixture.docker, release.toString());
    }

    @Test
    void promoteFromAnotherTargetDeploysTheDigestItRunsLiveAfterTheTagMoved() throws IOException {
        String tested = push(TestBed.APP_V1);
        String staging = fixture.newApp("bgt-clistaging");
        run("deploy", staging, "--image", release.toString());
        push(TestBed.APP_V2);
        String production = fixture.newApp("bgt-cliprod");
        assertThat(run("promote", production, "--from-engine", EngineEndpoint.DEFAULT_SOCKET, "--from-app", staging,
                "--port", "8080", "--health-path", "/health"))
                .contains("[" + production + "] promoting " + release.repository() + "@" + tested)
                .contains("[" + production + "] live     blue");
        assertThat(live(production)).as("production answers what staging tested, not the moved tag").isEqualTo("v1");
        assertThat(run("status", production)).contains(tested);
    }

    @Test
    void waitPreviewPromoteThenAbortUnderLoad() throws Exception {
        String app = fixture.newApp("bgt-clipromo");
        run("deploy", app, "--image", TestBed.APP_V1);
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            long start = System.nanoTime();
            int previewPort = freePort();
            assertThat(run("deploy", app, "--image", TestBed.APP_V2, "--no-switch", "--detach", "--preview-port",
                    String.valueOf(previewPort),
                    "--pre-check", "GET /version 200 contains v2", "--post-check", "/health 200", "--watch", "1"))
                    .contains("[" + app + "] waiting  green for promote or abort until");
            String status = run("status", app);
            assertThat(status).contains(app + ": live blue").contains("awaiting promotion: green  " + TestBed.APP_V2)
                    .contains("then abort").contains("preview: curl -H 'Host: " + app + "-green-1.8080.preview'")
                    .contains("http://127.0.0.1:" + previewPort + "/");
            assertThat(preview(app)).as("the preview").isEqualTo("v2");
            WaitingColour waiting = new AppInspector(fixture.docker).awaiting(app, fixture.router()).orElseThrow();
            assertThat(PlainHttp.get("127.0.0.1", previewPort, "localhost", Map.of(NginxRouter.previewHeader(),
                    waiting.previewKey()), "/version", Duration.ofSeconds(5)).body().trim()).as("the preview port").isEqualTo("v2");
            assertThat(live(app)).as("live while waiting").isEqualTo("v1");

            assertThat(run("promote", app)).contains("[" + app + "] check    green").contains("[" + app + "] watch    green")
                    .contains("[" + app + "] live     green");
            long promoted = System.nanoTime();
            load.awaitAnswers(20);
            long end = System.nanoTime();
            assertThat(load.flipViolations("v1", "v2", start, end)).as("exactly one flip").isEmpty();
            assertThat(load.versionsStartedBetween(promoted, end)).isNotEmpty().containsOnly("v2");

            run("deploy", app, "--image", TestBed.APP_V1, "--no-switch", "--detach");
            assertThat(run("abort", app)).contains("aborted: removed the waiting blue");
            assertThat(run("status", app)).contains(app + ": live green").doesNotContain("awaiting promotion");
            load.awaitAnswers(20);
            load.close();
            System.out.println("CLI promote and abort under load: requests " + load.requests() + ", failures "
                    + load.failures().size());
            assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
        }
        CliRun nothingWaits = CliRun.of(arguments("promote", app).toArray(String[]::new));
        assertThat(nothingWaits.exitCode()).isEqualTo(Main.FAILED);
        assertThat(nothingWaits.err()).contains("no colour of " + app + " awaits promotion");
    }

    @Test
    void aDeployThatWaitsWithItsColourTellsSlackAndAbortsItAtTheDeadline() throws Exception {
        Path webhook = Files.createTempFile("slack", ".url");
        try (SlackStandIn slack = new SlackStandIn()) {
            Files.writeString(webhook, slack.webhookUrl() + "\n");
            String app = fixture.newApp("bgt-clidead");
            run("deploy", app, "--image", TestBed.APP_V1);
            CliRun waited = CliRun.of(arguments("deploy", app, "--image", TestBed.APP_V2, "--no-switch", "--wait", "2",
                    "--slack-webhook-file", webhook.toString(), "--target-name", "staging").toArray(String[]::new));
            System.out.print(waited.out());
            assertThat(waited.exitCode()).isEqualTo(Main.FAILED);
            assertThat(waited.out()).contains("reached its deadline").contains("undecided: abort");
            assertThat(waited.err()).contains(app + ": green").contains("was not promoted; it is removed");
            assertThat(run("status", app)).contains(app + ": live blue").doesNotContain("awaiting promotion");
            assertThat(slack.nextMessage().get("text").asText()).contains("Deploying *" + app + "*");
            assertThat(slack.nextMessage().toString())
                    .contains(":hourglass: *" + app + "* on *staging* awaits promotion: *green*")
                    .contains("curl -H 'Host: " + app + "-green-1.8080.preview'").contains("then abort");
        } finally {
            Files.deleteIfExists(webhook);
        }
    }

    @Test
    void badPromotionInputIsRefusedNamingTheFlagBeforeAnythingChanges() {
        String app = fixture.newApp("bgt-clibad");
        refused(List.of("deploy", app, "--image", TestBed.APP_V1, "--no-switch", "--pre-check", "HEAD /health 200"),
                "--pre-check: 'HEAD /health 200' is not a check", "fix: write 'GET /path STATUS'");
        refused(List.of("deploy", app, "--image", TestBed.APP_V1, "--no-switch", "--post-check", "/health ok"),
                "--post-check: '/health ok' is not a check");
        refused(List.of("deploy", app, "--image", TestBed.APP_V1, "--no-switch", "--at-deadline", "later"),
                "--at-deadline: 'later' is not what can happen at the deadline", "give abort or promote");
        refused(List.of("deploy", app, "--image", TestBed.APP_V1, "--no-switch", "--wait", "0"),
                "--wait: 0 s leaves no time to decide");
        refused(List.of("promote", app, "--from-app", "shop"),
                "--from-engine: --from-router, --from-app and --from-swarm say where to promote from");
        refused(List.of("promote", app, "--from-engine", "tcp://127.0.0.1:2376", "--from-host", "tcp://127.0.0.2:2376"),
                "--from-engine: --from-engine and --from-host both say where to promote from");
        refused(List.of("deploy", app, "--image", TestBed.APP_V1, "--pre-check", "/health 200"),
                "--no-switch: --pre-check, --post-check, --preview-port and --detach apply to a deploy that waits", "add --no-switch");
        assertThat(fixture.containersOf(app)).as("nothing of the app was made").isEmpty();
    }

    private static void refused(List<String> args, String... message) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isEqualTo(Main.BAD_INPUT);
        for (String part : message) {
            assertThat(run.err()).contains(part);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static String push(String image) {
        return TestImages.pushAs(fixture.docker, image, release);
    }

    private static String preview(String app) throws IOException {
        WaitingColour waiting = new AppInspector(fixture.docker).awaiting(app, fixture.router()).orElseThrow();
        return PlainHttp.get("127.0.0.1", fixture.routerPort, NginxRouter.previewHost(waiting.containerNames().get(0),
                waiting.containerPort()), Map.of(NginxRouter.previewHeader(), waiting.previewKey()), "/version",
                Duration.ofSeconds(5)).body().trim();
    }

    private static String live(String app) throws IOException {
        return PlainHttp.get("127.0.0.1", fixture.routerPort, app, "/version", Duration.ofSeconds(5)).body().trim();
    }

    private static String run(String command, String app, String... more) {
        return CliRun.succeeding(arguments(command, app, more));
    }

    private static List<String> arguments(String command, String app, String... more) {
        List<String> args = new ArrayList<>(List.of(command, app));
        args.addAll(List.of(more));
        args.addAll(List.of("--router-name", fixture.routerName, "--router-image", TestBed.NGINX,
                "--publish", "127.0.0.1:" + fixture.routerPort, "--server-name", app + ".example.test"));
        if (!command.equals("status")) {
            args.addAll(List.of("--network", fixture.network, "--drain-timeout", "1", "--stop-timeout", "1"));
        }
        if (command.equals("deploy")) {
            // promote and abort are not told: the port and health check come from the waiting colour's labels
            args.addAll(List.of("--port", "8080", "--health-path", "/health"));
        }
        return args;
    }
}
