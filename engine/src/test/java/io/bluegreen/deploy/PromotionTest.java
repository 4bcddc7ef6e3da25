package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Container;
import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.HttpCheck;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.router.NginxRouter;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.testbed.WaitingDeployMain;
import io.bluegreen.validation.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A deploy that stops before the switch, under steady traffic through the router: the preview shows the
 * new version while users get the old one, and promote, abort, the checks and the deadline act on the
 * waiting colour from nothing but the engine's labels and the router.
 */
@RequiresTestBed
class PromotionTest {
    private static final DeployFixture fixture = new DeployFixture();
    private static final List<String> failures = new CopyOnWriteArrayList<>();
    private static final BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, OperatorLog.to(System.out))
            .withListener(new DeployListener() {
                @Override
                public void failed(String app, Phase phase, DeployFailedException failure) {
                    failures.add(phase + ": " + failure.getMessage());
                }
            });

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void thePreviewAnswersTheNewVersionWhileLiveAnswersTheOldThenPromoteFlipsOnce() throws Exception {
        String app = liveOnV1("bgt-promote");
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            long start = System.nanoTime();
            WaitingColour waiting = deployer.deployWithoutSwitch(fixture.spec(app, TestBed.APP_V2),
                    PromotionTerms.manual().withPreChecks(checks("GET /version 200 contains v2"))
                            .withPostChecks(checks("GET /health 200")).withWatch(Duration.ofSeconds(2)));
            load.awaitAnswers(20);
            assertThat(preview(waiting).body().trim()).as("the preview").isEqualTo("v2");
            assertThat(live(app).body().trim()).as("live while waiting").isEqualTo("v1");
            assertThat(load.versionsStartedBetween(start, System.nanoTime())).as("users while waiting").containsOnly("v1");
            assertThat(PlainHttp.get("127.0.0.1", fixture.routerPort, NginxRouter.previewHost(waiting.containerNames().get(0),
                    TestBed.APP_PORT), "/version", Duration.ofSeconds(5)).status()).as("the preview without its key").isEqualTo(404);
            assertThat(new AppInspector(fixture.docker).awaiting(app, fixture.spec(app, null).router()))
                    .as("what status reads").hasValueSatisfying(found -> assertThat(found.deployId()).isEqualTo(waiting.deployId()));

            DeployResult promoted = deployer.promote(fixture.spec(app, null));
            long promotedAt = System.nanoTime();
            load.awaitAnswers(20);
            long end = System.nanoTime();
            load.close();
            System.out.println("promote under load: requests " + load.requests() + ", failures " + load.failures().size());
            assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
            assertThat(load.flipViolations("v1", "v2", start, end)).as("exactly one flip").isEmpty();
            assertThat(load.versionsStartedBetween(promotedAt, end)).isNotEmpty().containsOnly("v2");
            assertThat(promoted.liveColour()).isEqualTo(waiting.colour());
            assertThat(promoted.phaseDurations()).containsKeys(Phase.CHECK, Phase.SWITCH, Phase.WATCH, Phase.DRAIN);
        }
        assertThat(fixture.containersOf(app)).as("the promoted colour runs, the old one is stopped for rollback")
                .hasSize(2)
                .anySatisfy(c -> assertThat(c.getState() + " " + image(c)).isEqualTo("running " + TestBed.APP_V2))
                .anySatisfy(c -> assertThat(c.getState() + " " + image(c)).isEqualTo("exited " + TestBed.APP_V1));
    }

    @Test
    void aFirstDeployCanWaitTooAndGoesLiveOnlyWhenPromoted() throws IOException {
        String app = fixture.newApp("bgt-firstwait");
        WaitingColour waiting = deployer.deployWithoutSwitch(fixture.spec(app, TestBed.APP_V1), PromotionTerms.manual());
        assertThat(preview(waiting).body().trim()).as("the preview").isEqualTo("v1");
        assertThat(live(app).status()).as("nothing routes to the app yet").isEqualTo(404);
        assertThat(deployer.promote(fixture.spec(app, null)).liveColour()).isEqualTo(Colour.BLUE);
        assertThat(live(app).body().trim()).isEqualTo("v1");
    }

    /**
     * The preview on a port of its own, on 127.0.0.1, for a client that sets no Host header: with the key it answers
     * the waiting colour, without it 404, while users still get v1. Another deploy cannot take that port; promote
     * closes it.
     */
    @Test
    void aPreviewPortOnLoopbackAnswersWithTheKeyOnlyAndGoesWithThePromote() throws Exception {
        String app = liveOnV1("bgt-previewport");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        WaitingColour waiting = deployer.deployWithoutSwitch(fixture.spec(app, TestBed.APP_V2),
                PromotionTerms.manual().withPreviewPort("127.0.0.1:" + port));
        assertThat(PlainHttp.get("127.0.0.1", port, "any.example.test", Map.of(NginxRouter.previewHeader(),
                waiting.previewKey()), "/version", Duration.ofSeconds(5)).body().trim()).as("the preview port").isEqualTo("v2");
        assertThat(PlainHttp.get("127.0.0.1", port, "any.example.test", "/version", Duration.ofSeconds(5)).status())
                .as("the preview port without the key").isEqualTo(404);
        assertThat(live(app).body().trim()).as("live while waiting").isEqualTo("v1");
        assertThat(waiting.previewCommand("127.0.0.1", fixture.routerPort)).contains("http://127.0.0.1:" + port + "/");

        String other = fixture.newApp("bgt-previewport-taken");
        assertThatThrownBy(() -> deployer.deployWithoutSwitch(fixture.spec(other, TestBed.APP_V2),
                PromotionTerms.manual().withPreviewPort(String.valueOf(port))))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        refusal -> assertThat(refusal.field()).isEqualTo("promotion.previewPort"))
                .hasMessageContaining("host port " + port + " is already taken");
        assertThat(fixture.containersOf(other)).as("nothing of the refused deploy was made").isEmpty();

        deployer.promote(fixture.spec(app, null));
        assertThat(live(app).body().trim()).isEqualTo("v2");
        assertThatThrownBy(() -> PlainHttp.get("127.0.0.1", port, "any.example.test", "/version", Duration.ofSeconds(2)))
                .as("the preview port after the promote").isInstanceOf(IOException.class);
    }

    @Test
    void abortChangesNothing() throws Exception {
        String app = liveOnV1("bgt-abort");
        String before = state(app);
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            deployer.deployWithoutSwitch(fixture.spec(app, TestBed.APP_V2), PromotionTerms.manual());
            load.awaitAnswers(10);
            deployer.abort(fixture.spec(app, null));
            load.awaitAnswers(10);
            load.close();
            assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
            assertThat(load.answers()).allSatisfy(answer -> assertThat(answer.version()).isEqualTo("v1"));
        }
        assertThat(state(app)).as("live colour, its containers and the router's loaded file").isEqualTo(before);
        assertThat(fixture.containersOf(app)).as("nothing of v2 is left").noneSatisfy(
                c -> assertThat(image(c)).isEqualTo(TestBed.APP_V2));
        assertThatThrownBy(() -> deployer.promote(fixture.spec(app, null))).hasMessageContaining("awaits promotion");
    }

    @Test
    void aFailingPreCheckAborts() throws Exception {
        String app = liveOnV1("bgt-precheck");
        String before = state(app);
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            deployer.deployWithoutSwitch(fixture.spec(app, TestBed.APP_V2),
                    PromotionTerms.manual().withPreChecks(checks("GET /health 200", "GET /version 200 contains v9")));
            assertThatThrownBy(() -> deployer.promote(fixture.spec(app, null)))
                    .isInstanceOf(DeployFailedException.class)
                    .hasMessageContaining("pre-promotion check failed on the preview of " + app)
                    .hasMessageContaining("GET /version 200 contains v9: the body does not contain 'v9'");
            load.awaitAnswers(10);
            load.close();
            assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
            assertThat(load.answers()).allSatisfy(answer -> assertThat(answer.version()).isEqualTo("v1"));
        }
        assertThat(state(app)).isEqualTo(before);
    }

    @Test
    void aFailingPostCheckSwitchesBackWithinASecondAndIsReported() throws Exception {
        String app = liveOnV1("bgt-postcheck");
        String before = state(app);
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            deployer.deployWithoutSwitch(fixture.spec(app, TestBed.APP_V2), PromotionTerms.manual()
                    .withPostChecks(checks("GET /health 200", "GET /version 200 contains v1")).withWatch(Duration.ofSeconds(10)));
            long promoteStarted = System.nanoTime();
            assertThatThrownBy(() -> deployer.promote(fixture.spec(app, null)))
                    .isInstanceOf(DeployFailedException.class)
                    .hasMessageContaining("post-promotion check failed on the live router: GET /version 200 contains v1")
                    .hasMessageContaining("switched back to blue in");
            long promoteEnded = System.nanoTime();
            load.awaitAnswers(20);
            long end = System.nanoTime();
            load.close();
            List<LoadGenerator.Answer> newVersion = load.answers().stream().filter(a -> a.version().equals("v2")).toList();
            long firstV2 = newVersion.stream().mapToLong(LoadGenerator.Answer::startNanos).min().orElseThrow();
            long lastV2 = newVersion.stream().mapToLong(LoadGenerator.Answer::startNanos).max().orElseThrow();
            System.out.printf("post-check switch-back under load: requests %d, failures %d, v2 served %d requests for %.0f ms"
                    + " (promote took %.0f ms in all)%n", load.requests(), load.failures().size(), newVersion.size(),
                    (lastV2 - firstV2) / 1e6, (promoteEnded - promoteStarted) / 1e6);
            assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
            assertThat(lastV2 - firstV2).as("nanoseconds users reached v2 before the switch back")
                    .isLessThan(Duration.ofSeconds(1).toNanos());
            assertThat(load.versionsStartedBetween(promoteEnded, end)).isNotEmpty().containsOnly("v1");
        }
        assertThat(state(app)).as("blue live again on its own containers").isEqualTo(before);
        assertThat(failures).as("what listeners (Slack) were told")
                .anySatisfy(failure -> assertThat(failure).startsWith("watch: ").contains("switched back to blue"));
    }

    @Test
    void theDeadlineAbortsByDefaultAndALaterPromoteIsRefused() throws Exception {
        String app = liveOnV1("bgt-deadline");
        String before = state(app);
        WaitingColour waiting = deployer.deployWithoutSwitch(fixture.spec(app, TestBed.APP_V2),
                PromotionTerms.manual().withWait(Duration.ofSeconds(2)));
        assertThat(deployer.awaitDecision(fixture.spec(app, null), waiting)).as("went live").isFalse();
        assertThat(state(app)).isEqualTo(before);

        deployer.deployWithoutSwitch(fixture.spec(app, TestBed.APP_V2), PromotionTerms.manual().withWait(Duration.ofSeconds(1)));
        Thread.sleep(1500);
        assertThatThrownBy(() -> deployer.promote(fixture.spec(app, null)))
                .hasMessageContaining("promotion refused: green")
                .hasMessageContaining("waited past its deadline")
                .hasMessageContaining("it is removed and blue still serves");
        assertThat(state(app)).isEqualTo(before);
    }

    @Test
    void theDeadlinePromotesWhenTheTermsSaySo() throws Exception {
        String app = liveOnV1("bgt-autopromote");
        WaitingColour waiting = deployer.deployWithoutSwitch(fixture.spec(app, TestBed.APP_V2), PromotionTerms.manual()
                .withWait(Duration.ofSeconds(2)).withAtDeadline(PromotionTerms.AtDeadline.PROMOTE));
        assertThat(deployer.awaitDecision(fixture.spec(app, null), waiting)).as("went live").isTrue();
        assertThat(live(app).body().trim()).isEqualTo("v2");
    }

    @Test
    void aWaitingDeployKilledInItsWaitIsPromotedByAnotherProcess() throws Exception {
        String app = liveOnV1("bgt-killwait");
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            long start = System.nanoTime();
            killWaitingDeploy(app);
            load.awaitAnswers(20);
            assertThat(live(app).body().trim()).as("live after the kill").isEqualTo("v1");

            DeployResult promoted = deployer.promote(fixture.spec(app, null));
            load.awaitAnswers(20);
            long end = System.nanoTime();
            load.close();
            System.out.println("killed wait, promoted here: requests " + load.requests() + ", failures " + load.failures().size());
            assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
            assertThat(load.flipViolations("v1", "v2", start, end)).isEmpty();
            assertThat(promoted.liveColour()).isEqualTo(Colour.GREEN);
            assertThat(live(app).body().trim()).isEqualTo("v2");
        }
    }

    private static void killWaitingDeploy(String app) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WaitingDeployMain.class.getName()));
        command.addAll(List.of(WaitingDeployMain.arguments(fixture, app, TestBed.APP_V2, Duration.ofMinutes(10))));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String marker = "[" + app + "] waiting  green";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("child: " + line);
                if (line.startsWith(marker)) {
                    child.destroyForcibly().waitFor();
                    return;
                }
            }
        }
        throw new AssertionError("the child deploy ended (exit " + child.waitFor() + ") without printing " + marker);
    }

    private static String liveOnV1(String prefix) {
        String app = fixture.newApp(prefix);
        deployer.deploy(fixture.spec(app, TestBed.APP_V1));
        return app;
    }

    private static List<HttpCheck> checks(String... written) {
        return java.util.Arrays.stream(written).map(text -> HttpCheck.parse(text, "check")).toList();
    }

    /** The live colour, the app's running containers and the id of the file nginx has loaded for the app. */
    private static String state(String app) throws IOException {
        HttpAnswer colour = PlainHttp.get("127.0.0.1", fixture.routerPort, app, "/.bluegreen/colour", Duration.ofSeconds(5));
        String running = fixture.containersOf(app).stream().filter(c -> "running".equals(c.getState()))
                .filter(c -> DeployLabels.ROLE_APP.equals(c.getLabels().get(DeployLabels.ROLE)))
                .map(Container::getId).sorted().collect(Collectors.joining(","));
        return "live " + colour.body().trim() + " config " + colour.header("X-Bluegreen-Config") + " running " + running;
    }

    private static String image(Container container) {
        return container.getLabels().get(DeployLabels.IMAGE);
    }

    private static HttpAnswer live(String app) throws IOException {
        return PlainHttp.get("127.0.0.1", fixture.routerPort, app, "/version", Duration.ofSeconds(5));
    }

    private static HttpAnswer preview(WaitingColour waiting) throws IOException {
        return PlainHttp.get("127.0.0.1", fixture.routerPort, NginxRouter.previewHost(waiting.containerNames().get(0),
                waiting.containerPort()), Map.of(NginxRouter.previewHeader(), waiting.previewKey()), "/version",
                Duration.ofSeconds(5));
    }
}
