package io.bluegreen.deploy;

import static io.bluegreen.deploy.HostOutcome.State.DEPLOYED;
import static io.bluegreen.deploy.HostOutcome.State.FAILED;
import static io.bluegreen.deploy.HostOutcome.State.NOT_REACHED;
import static io.bluegreen.deploy.HostOutcome.State.REVERTED;
import static io.bluegreen.deploy.HostOutcome.State.SKIPPED;
import static io.bluegreen.deploy.HostOutcome.State.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.HttpCheck;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.image.ImagePusher;
import io.bluegreen.image.ImageReference;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.router.NginxRouter;
import io.bluegreen.targets.EngineEndpoint;
import io.bluegreen.targets.Host;
import io.bluegreen.targets.HostsTarget;
import io.bluegreen.testbed.HostsFixture;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.testbed.TestHosts;
import io.bluegreen.testbed.TestImages;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Rollouts over the test bed's four namespace hosts, each with its own engine (TLS), router and lock.
 * Host 4 is the one that goes away: hosts 1-3 also carry the Swarm, which other tests use meanwhile.
 */
@RequiresTestBed
class WaveDeployTest {
    private static final String V1 = TestHosts.image("app:v1");
    private static final String V2 = TestHosts.image("app:v2");
    private static final String COMMIT_V1 = "1111111aaaa";
    private static final String COMMIT_V2 = "2222222bbbb";
    private static final OperatorLog log = OperatorLog.to(System.out);
    private static final HostsFixture fixture = new HostsFixture(TestHosts.COUNT);

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void canaryThenTwoThenOneUnderLoadThroughEveryRouterWithoutAFailedRequest() throws Exception {
        HostsTarget target = fixture.target(1, 2, 3, 4);
        String app = liveOnAllHosts(target, "bgt-waves");
        List<List<String>> waves = new ArrayList<>();
        Map<Integer, LoadGenerator> loads = new LinkedHashMap<>();
        try {
            for (int host = 1; host <= 4; host++) {
                loads.put(host, fixture.load(host, app).start());
            }
            for (LoadGenerator load : loads.values()) {
                load.awaitAnswers(20);
            }
            RolloutResult result = new WaveDeploy(target, RolloutPlan.canaryThenWavesOf(2), log)
                    .withWaveListener((number, outcomes) -> waves.add(outcomes.stream().map(HostOutcome::host).toList()))
                    .deploy(fixture.spec(app, V2, COMMIT_V2));
            for (LoadGenerator load : loads.values()) {
                load.awaitAnswers(20);
            }

            assertThat(waves).containsExactly(List.of("bghost1"), List.of("bghost2", "bghost3"), List.of("bghost4"));
            assertThat(result.status()).isEqualTo(RolloutResult.Status.COMPLETE);
            assertThat(result.waveDurations()).hasSize(3);
            assertThat(result.hosts()).allSatisfy(outcome -> {
                assertThat(outcome.state()).isEqualTo(DEPLOYED);
                assertThat(outcome.deploy().liveColour()).isEqualTo(Colour.GREEN);
                assertThat(outcome.deploy().commit()).isEqualTo(COMMIT_V2);
                assertThat(outcome.deploy().deployId()).isEqualTo(result.deployId());
                assertThat(outcome.deploy().digest()).startsWith("sha256:");
                assertThat(outcome.deploy().phase(Phase.HEALTHY)).isPositive();
            });
            TargetStatus status = new TargetInspector(target, log).status(app, fixture.router());
            assertThat(status.majorityCommit()).contains(COMMIT_V2);
            assertThat(status.drift()).isEmpty();
            for (int host = 1; host <= 4; host++) {
                assertThat(DeployLock.holder(fixture.engine(host), app)).as("lock on host " + host).isEmpty();
            }
        } finally {
            for (LoadGenerator load : loads.values()) {
                load.close();
            }
        }
        loads.forEach((host, load) -> {
            assertThat(load.failures()).as("failed requests through host " + host + "'s router, of " + load.requests()).isEmpty();
            assertThat(load.answers()).extracting(LoadGenerator.Answer::version).as("host " + host).contains("v1", "v2");
            List<LoadGenerator.Answer> answers = load.answers();
            assertThat(answers.get(answers.size() - 1).version()).as("host " + host + " at the end").isEqualTo("v2");
        });
    }

    @Test
    void aRollbackGoesBackHostByHostInTheSameWavesUnderLoadWithoutAFailedRequest() throws Exception {
        HostsTarget target = fixture.target(1, 2, 3);
        String app = liveOnAllHosts(target, "bgt-waves-back");
        new WaveDeploy(target, RolloutPlan.allAtOnce(), log).deploy(fixture.spec(app, V2, COMMIT_V2));
        List<List<String>> waves = new ArrayList<>();
        Map<Integer, LoadGenerator> loads = new LinkedHashMap<>();
        RolloutResult result;
        try {
            for (int host = 1; host <= 3; host++) {
                loads.put(host, fixture.load(host, app).start());
            }
            for (LoadGenerator load : loads.values()) {
                load.awaitAnswers(20);
            }
            result = new WaveDeploy(target, RolloutPlan.canaryThenWavesOf(1), log)
                    .withWaveListener((number, outcomes) -> waves.add(outcomes.stream().map(HostOutcome::host).toList()))
                    .rollback(fixture.spec(app, null, null));
            for (LoadGenerator load : loads.values()) {
                load.awaitAnswers(20);
            }
        } finally {
            for (LoadGenerator load : loads.values()) {
                load.close();
            }
        }

        assertThat(waves).containsExactly(List.of("bghost1"), List.of("bghost2"), List.of("bghost3"));
        assertThat(result.status()).isEqualTo(RolloutResult.Status.COMPLETE);
        assertThat(result.hosts()).allSatisfy(outcome -> {
            assertThat(outcome.state()).isEqualTo(DEPLOYED);
            assertThat(outcome.deploy().liveColour()).isEqualTo(Colour.BLUE);
            assertThat(outcome.deploy().commit()).isEqualTo(COMMIT_V1);
        });
        assertThat(new TargetInspector(target, log).status(app, fixture.router()).majorityCommit()).contains(COMMIT_V1);
        loads.forEach((host, load) -> {
            assertThat(load.failures()).as("failed requests through host " + host + "'s router, of " + load.requests()).isEmpty();
            List<LoadGenerator.Answer> answers = load.answers();
            assertThat(answers).extracting(LoadGenerator.Answer::version).as("host " + host).contains("v2", "v1");
            assertThat(answers.get(answers.size() - 1).version()).as("host " + host + " at the end").isEqualTo("v1");
        });
    }

    @Test
    void aRollbackStopsBeforeAnyChangeWhenAHostHasNothingOfTheApp() {
        HostsTarget target = fixture.target(1, 2);
        String app = fixture.newApp("bgt-waves-back-none");
        new WaveDeploy(fixture.target(1), RolloutPlan.allAtOnce(), log).deploy(fixture.spec(app, V1, COMMIT_V1));
        Map<String, Map<String, String>> host1Before = fixture.snapshot(1, app);

        assertThatThrownBy(() -> new WaveDeploy(target, RolloutPlan.defaults(), log).rollback(fixture.spec(app, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing of " + app + " is deployed on bghost2");
        assertThat(fixture.snapshot(1, app)).as("host 1 untouched").isEqualTo(host1Before);
    }

    @Test
    void anImageThatNeverGetsHealthyStopsAtTheCanaryAndTouchesNoOtherHost() throws Exception {
        HostsTarget target = fixture.target(1, 2, 3, 4);
        String app = liveOnAllHosts(target, "bgt-waves-bad");
        String sick = pushSickImage();
        Map<Integer, Map<String, Map<String, String>>> before = new LinkedHashMap<>();
        for (int host = 2; host <= 4; host++) {
            before.put(host, fixture.snapshot(host, app));
        }
        try (LoadGenerator canaryLoad = fixture.load(1, app).start()) {
            canaryLoad.awaitAnswers(20);
            RolloutFailedException failure = catchThrowableOfType(() -> new WaveDeploy(target, RolloutPlan.canaryThenWavesOf(2), log)
                    .deploy(fixture.spec(app, sick, "badbadbad")
                            .withHealth(HealthCheckSpec.http("/health").withDeadline(Duration.ofSeconds(3)))),
                    RolloutFailedException.class);

            assertThat(failure).hasMessageContaining("bghost1 failed").hasMessageContaining("phase healthy")
                    .hasMessageContaining("answered 404").hasMessageContaining("in wave 1/3");
            RolloutResult result = failure.result();
            assertThat(result.status()).isEqualTo(RolloutResult.Status.STOPPED);
            assertThat(result.host("bghost1").state()).isEqualTo(FAILED);
            assertThat(result.hostsIn(NOT_REACHED)).containsExactly("bghost2", "bghost3", "bghost4");
            for (int host = 2; host <= 4; host++) {
                assertThat(fixture.snapshot(host, app)).as("host " + host + " untouched").isEqualTo(before.get(host));
            }
            assertThat(fixture.containersOf(1, app)).extracting(c -> c.getLabels().get(DeployLabels.COLOUR)).containsOnly("blue");
            assertThat(versionServed(1, app)).isEqualTo("v1");
            canaryLoad.awaitAnswers(20);
            canaryLoad.close();
            assertThat(canaryLoad.failures()).as("failed requests on the canary").isEmpty();
            assertThat(canaryLoad.answers()).extracting(LoadGenerator.Answer::version).containsOnly("v1");
        }
    }

    @Test
    void aHostGoingAwayUnderFailStopsTheRolloutNamesItAndRevertsTheSwitchedHosts() throws Exception {
        HostsTarget target = fixture.target(1, 2, 4, 3);
        String app = liveOnAllHosts(target, "bgt-waves-fail");
        try {
            RolloutFailedException failure = catchThrowableOfType(() -> new WaveDeploy(target, RolloutPlan.canaryThenWavesOf(2)
                    .onUnreachable(RolloutPlan.OnUnreachable.FAIL), log)
                    .withWaveListener(stopHost4AfterTheCanary())
                    .deploy(fixture.spec(app, V2, COMMIT_V2)), RolloutFailedException.class);

            assertThat(failure).hasMessageContaining("bghost4 unreachable").hasMessageContaining("10.231.0.14:2376");
            RolloutResult result = failure.result();
            assertThat(result.host("bghost4").state()).isEqualTo(UNREACHABLE);
            assertThat(result.hostsIn(REVERTED)).containsExactly("bghost1", "bghost2");
            assertThat(result.hostsIn(NOT_REACHED)).containsExactly("bghost3");
            for (int host : new int[] {1, 2, 3}) {
                assertThat(versionServed(host, app)).as("host " + host).isEqualTo("v1");
            }
        } finally {
            TestHosts.startEngine(4);
        }
    }

    @Test
    void aHostGoingAwayUnderSkipIsListedAsSkippedAndShowsAsDriftWhenBack() throws Exception {
        HostsTarget target = fixture.target(1, 2, 4, 3);
        String app = liveOnAllHosts(target, "bgt-waves-skip");
        Map<String, Map<String, String>> host4Before = fixture.snapshot(4, app);
        RolloutResult result;
        try {
            result = new WaveDeploy(target, RolloutPlan.canaryThenWavesOf(2).onUnreachable(RolloutPlan.OnUnreachable.SKIP), log)
                    .withWaveListener(stopHost4AfterTheCanary())
                    .deploy(fixture.spec(app, V2, COMMIT_V2));
        } finally {
            TestHosts.startEngine(4);
        }
        assertThat(result.status()).isEqualTo(RolloutResult.Status.COMPLETE_EXCEPT_SKIPPED);
        assertThat(result.host("bghost4").state()).isEqualTo(SKIPPED);
        assertThat(result.host("bghost4").problem()).contains("went away before its deploy began").contains("10.231.0.14:2376");
        assertThat(result.hostsIn(DEPLOYED)).containsExactly("bghost1", "bghost2", "bghost3");
        for (int host : new int[] {1, 2, 3}) {
            assertThat(versionServed(host, app)).as("host " + host).isEqualTo("v2");
        }
        assertThat(awaitServed(4, app)).as("host 4, back").isEqualTo("v1");
        assertThat(appContainers(fixture.snapshot(4, app))).as("host 4's containers, back").isEqualTo(appContainers(host4Before));

        TargetStatus status = new TargetInspector(target, log).status(app, fixture.router());
        assertThat(status.majorityCommit()).contains(COMMIT_V2);
        assertThat(status.drift()).extracting(TargetStatus.HostStatus::host).containsExactly("bghost4");
        assertThat(status.host("bghost4").liveCommit()).isEqualTo(COMMIT_V1);
    }

    @Test
    void aHostWithoutAnEngineIsNamedWithinSecondsAndNothingIsChanged() {
        // On the hosts' bridge, but never a host's address: nothing answers there.
        Host nowhere = new Host("bghost-gone", EngineEndpoint.of("tcp://10.231.0.99:2376", TestHosts.clientTls()), Set.of());
        HostsTarget target = new HostsTarget(List.of(HostsFixture.host(4), nowhere));
        String app = fixture.newApp("bgt-waves-gone");
        long started = System.nanoTime();
        assertThatThrownBy(() -> new WaveDeploy(target, RolloutPlan.defaults(), log).deploy(fixture.spec(app, V1, COMMIT_V1)))
                .isInstanceOf(RolloutFailedException.class)
                .hasMessageContaining("cannot reach bghost-gone")
                .hasMessageContaining("is unreachable")
                .hasMessageContaining("nothing was changed on any host");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(fixture.containersOf(4, app)).isEmpty();
    }

    /**
     * Promotion between targets reads what a target of many hosts runs live: the one image every host runs,
     * pinned by digest, or a refusal naming each host's commit when a rollout left them apart.
     */
    @Test
    void aTargetOfManyHostsOffersForPromotionOnlyTheImageEveryHostRunsLive() {
        String app = fixture.newApp("bgt-waves-live");
        try (Target fleet = new ManyHostsTarget("fleet", fixture.target(1, 2), RolloutPlan.allAtOnce(), log)) {
            fleet.deploy(fixture.spec(app, V1, COMMIT_V1));
            LiveImage live = fleet.liveImage(app, fixture.router());
            String digestOnHost2 = fixture.containersOf(2, app).get(0).getLabels().get(DeployLabels.DIGEST);
            assertThat(live.digest()).startsWith("sha256:").isEqualTo(digestOnHost2);
            assertThat(live.reference()).endsWith("@" + digestOnHost2);
            assertThat(live.commit()).isEqualTo(COMMIT_V1);

            new ManyHostsTarget("fleet", fixture.target(1), RolloutPlan.allAtOnce(), log).deploy(fixture.spec(app, V2, COMMIT_V2));
            assertThatThrownBy(() -> fleet.liveImage(app, fixture.router()))
                    .isInstanceOf(DeployFailedException.class)
                    .hasMessageContaining("cannot promote from fleet: its hosts run different images live")
                    .hasMessageContaining("bghost1 commit " + COMMIT_V2)
                    .hasMessageContaining("bghost2 commit " + COMMIT_V1)
                    .hasMessageContaining("finish or roll back the rollout there");
        }
    }

    /**
     * Promotion over many hosts under load through every host's router: the new colour waits on every host
     * while users still get v1 everywhere and the canary's preview answers v2; promote then switches the canary,
     * then the other host, each exactly once and without a failed request.
     */
    @Test
    void aColourWaitsOnEveryHostThenIsPromotedInWavesUnderLoadWithoutAFailedRequest() throws Exception {
        HostsTarget target = fixture.target(1, 2);
        String app = liveOnAllHosts(target, "bgt-waves-promo");
        Target fleet = new ManyHostsTarget("fleet", target, RolloutPlan.canaryThenWavesOf(1), log);
        Map<Integer, LoadGenerator> loads = new LinkedHashMap<>();
        long start = System.nanoTime();
        long end;
        try {
            for (int host = 1; host <= 2; host++) {
                loads.put(host, fixture.load(host, app).start());
            }
            for (LoadGenerator load : loads.values()) {
                load.awaitAnswers(20);
            }
            WaitingColour waiting = fleet.deployWithoutSwitch(fixture.spec(app, V2, COMMIT_V2), PromotionTerms.manual()
                    .withPreChecks(List.of(HttpCheck.parse("GET /version 200 contains v2", "preChecks"))));
            assertThat(waiting.colour()).isEqualTo(Colour.GREEN);
            assertThat(fleet.awaiting(app, fixture.router())).map(WaitingColour::deployId).contains(waiting.deployId());
            assertThat(preview(1, waiting)).as("the canary's preview").isEqualTo("v2");
            for (int host = 1; host <= 2; host++) {
                assertThat(versionServed(host, app)).as("host " + host + " while the colour waits").isEqualTo("v1");
                assertThat(fixture.containersOf(host, app)).as("host " + host).anySatisfy(container ->
                        assertThat(container.getLabels()).containsEntry(DeployLabels.DEPLOY_ID, waiting.deployId()));
            }
            for (LoadGenerator load : loads.values()) {
                assertThat(load.versionsStartedBetween(start, System.nanoTime())).as("users while waiting").containsOnly("v1");
            }

            RolloutResult promoted = fleet.promote(fixture.spec(app, null, null));
            end = System.nanoTime();
            assertThat(promoted.status()).isEqualTo(RolloutResult.Status.COMPLETE);
            assertThat(promoted.waveDurations()).hasSize(2);
            assertThat(promoted.hosts()).allSatisfy(outcome -> {
                assertThat(outcome.state()).isEqualTo(DEPLOYED);
                assertThat(outcome.deploy().liveColour()).isEqualTo(Colour.GREEN);
                assertThat(outcome.deploy().commit()).isEqualTo(COMMIT_V2);
            });
            assertThat(fleet.awaiting(app, fixture.router())).isEmpty();
            for (LoadGenerator load : loads.values()) {
                load.awaitAnswers(20);
            }
        } finally {
            for (LoadGenerator load : loads.values()) {
                load.close();
            }
        }
        loads.forEach((host, load) -> {
            System.out.println("fleet promotion under load, host " + host + ": requests " + load.requests() + ", failures "
                    + load.failures().size());
            assertThat(load.failures()).as("failed requests through host " + host + "'s router, of " + load.requests()).isEmpty();
            assertThat(load.flipViolations("v1", "v2", start, end)).as("host " + host + ": exactly one flip").isEmpty();
            List<LoadGenerator.Answer> answers = load.answers();
            assertThat(answers.get(answers.size() - 1).version()).as("host " + host + " at the end").isEqualTo("v2");
        });
    }

    /** A failing pre-check on the canary stops the promotion there: every host still serves v1, and none is left waiting. */
    @Test
    void aFailingPreCheckOnTheCanaryStopsThePromotionAndNoHostIsLeftWaiting() throws Exception {
        HostsTarget target = fixture.target(1, 2);
        String app = liveOnAllHosts(target, "bgt-waves-precheck");
        Target fleet = new ManyHostsTarget("fleet", target, RolloutPlan.canaryThenWavesOf(1), log);
        fleet.deployWithoutSwitch(fixture.spec(app, V2, COMMIT_V2), PromotionTerms.manual()
                .withPreChecks(List.of(HttpCheck.parse("GET /version 200 contains v9", "preChecks"))));

        RolloutFailedException stopped = catchThrowableOfType(() -> fleet.promote(fixture.spec(app, null, null)),
                RolloutFailedException.class);

        assertThat(stopped).hasMessageContaining("promotion").hasMessageContaining("bghost1 failed")
                .hasMessageContaining("contains v9");
        assertThat(stopped.result().host("bghost1").state()).isEqualTo(FAILED);
        assertThat(stopped.result().host("bghost2").state()).isEqualTo(NOT_REACHED);
        assertThat(fleet.awaiting(app, fixture.router())).as("a colour still waiting").isEmpty();
        for (int host = 1; host <= 2; host++) {
            assertThat(versionServed(host, app)).as("host " + host).isEqualTo("v1");
            assertThat(fixture.containersOf(host, app)).as("host " + host + ": nothing of v2 is left")
                    .noneSatisfy(container -> assertThat(container.getLabels()).containsEntry(DeployLabels.COMMIT, COMMIT_V2));
        }
    }

    /** Abort removes the colour waiting on every host; each host's containers are then exactly as before the deploy. */
    @Test
    void anAbortRemovesTheColourWaitingOnEveryHostAndChangesNothingElse() throws Exception {
        HostsTarget target = fixture.target(1, 2);
        String app = liveOnAllHosts(target, "bgt-waves-abort");
        Map<Integer, Map<String, Map<String, String>>> before = Map.of(1, appContainers(fixture.snapshot(1, app)),
                2, appContainers(fixture.snapshot(2, app)));
        Target fleet = new ManyHostsTarget("fleet", target, RolloutPlan.allAtOnce(), log);
        fleet.deployWithoutSwitch(fixture.spec(app, V2, COMMIT_V2), PromotionTerms.manual());
        assertThat(appContainers(fixture.snapshot(2, app))).as("host 2 while waiting").hasSizeGreaterThan(before.get(2).size());

        fleet.abort(fixture.spec(app, null, null));

        for (int host = 1; host <= 2; host++) {
            assertThat(appContainers(fixture.snapshot(host, app))).as("host " + host).isEqualTo(before.get(host));
            assertThat(versionServed(host, app)).isEqualTo("v1");
        }
        assertThat(fleet.awaiting(app, fixture.router())).isEmpty();
        assertThatThrownBy(() -> fleet.abort(fixture.spec(app, null, null))).isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("no colour of " + app + " awaits promotion on any host");
    }

    /** Deploys v1 to every host at once and returns the app; the rollout under test starts from here. */
    private static String liveOnAllHosts(HostsTarget target, String prefix) {
        String app = fixture.newApp(prefix);
        RolloutResult first = new WaveDeploy(target, RolloutPlan.allAtOnce(), log).deploy(fixture.spec(app, V1, COMMIT_V1));
        assertThat(first.status()).isEqualTo(RolloutResult.Status.COMPLETE);
        assertThat(first.hosts()).extracting(outcome -> outcome.deploy().liveColour()).containsOnly(Colour.BLUE);
        return app;
    }

    /** The app's own containers (id, state, labels), without the lock a rollout left on a host that went away. */
    private static Map<String, Map<String, String>> appContainers(Map<String, Map<String, String>> snapshot) {
        Map<String, Map<String, String>> app = new LinkedHashMap<>(snapshot);
        app.values().removeIf(labels -> !DeployLabels.ROLE_APP.equals(labels.get(DeployLabels.ROLE)));
        return app;
    }

    private static WaveListener stopHost4AfterTheCanary() {
        return (number, outcomes) -> {
            if (number == 1) {
                TestHosts.stopEngine(4);
            }
        };
    }

    /** What the waiting colour answers on a host's preview, with its key. */
    private static String preview(int host, WaitingColour waiting) throws IOException {
        return PlainHttp.get(TestHosts.address(host), fixture.routerPort, NginxRouter.previewHost(waiting.containerNames().get(0),
                waiting.containerPort()), Map.of(NginxRouter.previewHeader(), waiting.previewKey()), "/version",
                Duration.ofSeconds(5)).body().trim();
    }

    /** The version a host serves once its router answers again (after its engine came back). */
    private static String awaitServed(int host, String app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return versionServed(host, app);
            } catch (IOException | AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(250);
            }
        }
    }

    /** What the host's router answers for the app, asked by its server name as users would. */
    private static String versionServed(int host, String app) throws IOException {
        HttpAnswer answer = PlainHttp.get(TestHosts.address(host), fixture.routerPort, app, "/version", Duration.ofSeconds(5));
        assertThat(answer.status()).as("host " + host + " answers " + app).isEqualTo(200);
        return answer.body().trim();
    }

    /** v2 without /health: it starts, but never answers its health check. Hosts pull it from the test registry. */
    private static String pushSickImage() {
        String local = TestImages.build(TestBed.docker(), "sick", "FROM " + TestBed.APP_V2 + "\nRUN rm /www/health\n");
        String pushed = TestBed.REGISTRY + "/" + local;
        TestBed.docker().tagImageCmd(local, pushed.substring(0, pushed.lastIndexOf(':')), "latest").exec();
        new ImagePusher(TestBed.docker(), OperatorLog.silent()).push(ImageReference.parse(pushed, "image"),
                RegistryCredentials.anonymous());
        TestImages.remove(TestBed.docker(), pushed);
        TestImages.remove(TestBed.docker(), local);
        return fixture.registryImage(TestHosts.registry() + "/" + local);
    }
}
