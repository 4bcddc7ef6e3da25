package io.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bluegreen.deploy.DeployLabels;
import io.bluegreen.deploy.DeployLock;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.notify.SlackStandIn;
import io.bluegreen.testbed.HostsFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** bluegreen deploy/rollback/status/history with --host against two namespace hosts, drift included, and its bad input. */
@RequiresTestBed
class HostsCommandTest {
    private static final HostsFixture fixture = new HostsFixture(TestHosts.COUNT);
    private static final Path TLS = Path.of("/var/lib/bluegreen-testbed/hosts/tls");

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void deployInWavesThenDriftOnOneHostShowsInStatus() {
        String app = fixture.newApp("bgt-cli-hosts");
        CliRun first = run("deploy", app, List.of(1, 4), "--image", TestHosts.image("app:v1"), "--commit", "aaaa111",
                "--wave-size", "1", "--pause", "0");
        assertThat(first.out()).contains("rollout").contains("web1 | 10.231.0.14:2376")
                .contains("wave 2/2").contains("complete: 2 deployed");
        assertThat(run("status", app, List.of(1, 4)).out()).contains("web1: live blue  commit aaaa111")
                .contains("no drift: every host read serves commit aaaa111");

        run("deploy", app, List.of(1), "--image", TestHosts.image("app:v2"), "--commit", "bbbb222", "--no-canary");
        CliRun drift = run("status", app, List.of(1, 4));
        assertThat(drift.out()).contains("web1: live green  commit bbbb222")
                .contains("DRIFT from commit").contains("serves");
        assertThat(run("history", app, List.of(1, 4)).out()).contains("web1:").contains("10.231.0.14:2376:")
                .contains("commit bbbb222").contains("commit aaaa111");

        CliRun back = run("rollback", app, List.of(1), "--no-canary");
        assertThat(back.out()).contains("rollback").contains("web1             rolled back   blue   commit aaaa111")
                .contains("complete: 1 rolled back");
        assertThat(run("status", app, List.of(1, 4)).out()).contains("web1: live blue  commit aaaa111")
                .contains("no drift: every host read serves commit aaaa111");

        // A deploy that died holding web1's lock: unlock names it among the hosts, and --force frees that host.
        try (EngineLock dead = DeployLock.acquire(fixture.engine(1), app, TestHosts.image("app:v1"), "died-here",
                Duration.ZERO, OperatorLog.silent())) {
            CliRun held = CliRun.of(unlockArgs(app, List.of(1, 4)));
            assertThat(held.exitCode()).isEqualTo(Main.FAILED);
            assertThat(held.out()).contains(app + ": locked by ").contains("deploy died-here").contains("(web1)")
                    .doesNotContain("10.231.0.14");
            CliRun forced = CliRun.of(unlockArgs(app, List.of(1, 4), "--force"));
            assertThat(forced.exitCode()).as(forced.out() + forced.err()).isZero();
            assertThat(forced.out()).contains(app + ": lock removed (web1)");
            assertThat(DeployLock.holder(fixture.engine(1), app)).isEmpty();
        }
        assertThat(CliRun.of(unlockArgs(app, List.of(1, 4))).out()).contains(app + ": not locked");
    }

    private static String[] unlockArgs(String app, List<Integer> hosts, String... more) {
        List<String> args = new ArrayList<>(List.of("unlock", app, "--tls-ca", TLS.resolve("ca.pem").toString(),
                "--tls-cert", TLS.resolve("cert.pem").toString(), "--tls-key", TLS.resolve("key.pem").toString()));
        hosts.forEach(host -> args.addAll(List.of("--host", (host == 1 ? "web1=" : "") + TestHosts.host(host).uri())));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Slack hears of the whole change once, not once per host: a rollback, then a rollout that stops at its first host. */
    @Test
    void aRollbackAndAStoppedRolloutEachTellSlackOnce() throws Exception {
        String app = fixture.newApp("bgt-cli-hosts-slack");
        Path webhook = Files.createTempFile("slack", ".url");
        try (SlackStandIn slack = new SlackStandIn()) {
            Files.writeString(webhook, slack.webhookUrl() + "\n");
            String[] toSlack = {"--slack-webhook-file", webhook.toString(), "--target-name", "fleet"};
            run("deploy", app, List.of(1, 4), "--image", TestHosts.image("app:v1"), "--commit", "aaaa111", "--no-canary");
            run("deploy", app, List.of(1, 4), "--image", TestHosts.image("app:v2"), "--commit", "bbbb222", "--no-canary");

            run("rollback", app, List.of(1, 4), concat(toSlack, "--wave-size", "1"));
            assertThat(slack.nextMessage().get("text").asText()).contains("Deploying *" + app + "* to *fleet*");
            assertThat(slack.nextMessage().toString()).contains("Rolled back *" + app + "* on *fleet* to *blue*")
                    .contains("aaaa111");
            assertThat(slack.messagesWaiting()).as("one message per event, not one per host").isZero();

            // /health answers 200, so a check that accepts only 204 never passes: the first host fails.
            CliRun stopped = CliRun.of(args("deploy", app, List.of(1, 4), concat(toSlack, "--image", TestHosts.image("app:v2"),
                    "--commit", "cccc333", "--no-canary", "--health-status", "204", "--health-deadline", "3")));
            assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isNotZero();
            assertThat(slack.nextMessage().get("text").asText()).contains("Deploying *" + app + "* to *fleet*");
            assertThat(slack.nextMessage().toString()).contains("failed in *rollout*").contains("web1 failed")
                    .contains("not reached: 10.231.0.14:2376");
            assertThat(slack.messagesWaiting()).isZero();
        } finally {
            Files.delete(webhook);
        }
    }

    @Test
    void badPlanInputIsRefusedBeforeAnyHostIsAsked() {
        String app = fixture.newApp("bgt-cli-hosts");
        CliRun badWave = CliRun.of(args("deploy", app, List.of(1), "--image", TestHosts.image("app:v1"), "--wave-size", "many"));
        assertThat(badWave.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(badWave.err()).contains("waveSize").contains("25%");
        CliRun badChoice = CliRun.of(args("deploy", app, List.of(1), "--image", TestHosts.image("app:v1"), "--on-failure", "panic"));
        assertThat(badChoice.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(badChoice.err()).contains("--on-failure").contains("revert, leave");
        assertThat(fixture.containersOf(1, app)).isEmpty();
    }

    /**
     * The same verbs on every kind of target: promote from one engine (staging on host 4) rolls exactly the
     * digest it runs live out over two hosts in waves, and from those hosts onto one engine again; a target
     * given two ways is refused before anything is asked.
     */
    @Test
    void promoteFromOneEngineRollsItsLiveDigestOutOverTheHosts() {
        String staging = fixture.newApp("bgt-cli-stage");
        // Staging has a router of its own on host 4, on another port, so the promote reads it through --from-router.
        String stagingRouter = fixture.routerName + "-staging";
        int stagingPort = fixture.routerPort + 1;
        List<String> onHost4 = new ArrayList<>(List.of(args("deploy", staging, List.of())));
        onHost4.set(onHost4.indexOf("--router-name") + 1, stagingRouter);
        onHost4.set(onHost4.indexOf("--publish") + 1, "0.0.0.0:" + stagingPort);
        onHost4.addAll(List.of("--engine", TestHosts.host(4).uri().toString(), "--reach", TestHosts.address(4),
                "--image", TestHosts.image("app:v2"), "--commit", "cccc333"));
        try {
            promoteFromStagingOntoTheHostsAndBack(staging, onHost4, stagingPort);
        } finally {
            fixture.engine(4).removeContainerCmd(stagingRouter).withForce(true).exec();
        }
        CliRun twoWays = CliRun.of(args("status", staging, List.of(1), "--engine", TestHosts.host(4).uri().toString()));
        assertThat(twoWays.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(twoWays.err()).contains("--host: --host and --engine both say where to work");
    }

    private void promoteFromStagingOntoTheHostsAndBack(String staging, List<String> onHost4, int stagingPort) {
        CliRun stagingDeploy = CliRun.of(onHost4.toArray(String[]::new));
        assertThat(stagingDeploy.exitCode()).as(stagingDeploy.out() + stagingDeploy.err()).isZero();
        String tested = fixture.containersOf(4, staging).get(0).getLabels().get(DeployLabels.DIGEST);

        String production = fixture.newApp("bgt-cli-prod");
        CliRun promoted = run("promote", production, List.of(1, 4), "--from-engine", TestHosts.host(4).uri().toString(),
                "--from-app", staging, "--from-router", TestHosts.address(4) + ":" + stagingPort, "--wave-size", "1");
        assertThat(promoted.out()).contains("[" + production + "] promoting ").contains("@" + tested + " (commit cccc333)")
                .contains("wave 2/2").contains("complete: 2 deployed");
        for (int host : List.of(1, 4)) {
            Map<String, String> labels = fixture.containersOf(host, production).get(0).getLabels();
            assertThat(labels.get(DeployLabels.DIGEST)).as("host " + host).isEqualTo(tested);
            assertThat(labels.get(DeployLabels.PROMOTED_FROM)).as("host " + host).contains(staging);
        }
        assertThat(run("status", production, List.of(1, 4)).out()).contains("web1: live blue  commit cccc333  " + tested)
                .contains("no drift: every host read serves commit cccc333");

        // And back the other way: from the two hosts, which agree, onto one engine.
        String canary = fixture.newApp("bgt-cli-canary");
        List<String> fromHosts = new ArrayList<>(List.of(args("promote", canary, List.of())));
        fromHosts.addAll(List.of("--engine", TestHosts.host(4).uri().toString(), "--reach", TestHosts.address(4),
                "--from-host", TestHosts.host(1).uri().toString(), "--from-host", TestHosts.host(4).uri().toString(),
                "--from-app", production));
        CliRun fromFleet = CliRun.of(fromHosts.toArray(String[]::new));
        assertThat(fromFleet.exitCode()).as(fromFleet.out() + fromFleet.err()).isZero();
        assertThat(fixture.containersOf(4, canary).get(0).getLabels().get(DeployLabels.DIGEST)).isEqualTo(tested);
    }

    /**
     * deploy --no-switch over two hosts: the colour waits on both while both serve v1, status shows it and the
     * canary's preview, and promote switches them in waves; a second wait is aborted on both.
     */
    @Test
    void aColourWaitsOnEveryHostThenPromoteSwitchesThemInWaves() throws Exception {
        String app = fixture.newApp("bgt-cli-hosts-wait");
        run("deploy", app, List.of(1, 4), "--image", TestHosts.image("app:v1"), "--commit", "aaaa111", "--no-canary");
        CliRun waiting = run("deploy", app, List.of(1, 4), "--image", TestHosts.image("app:v2"), "--commit", "bbbb222",
                "--no-switch", "--detach", "--pre-check", "GET /version 200 contains v2");
        assertThat(waiting.out()).contains("waiting  green on 2 host(s) for promote or abort");
        assertThat(run("status", app, List.of(1, 4)).out()).contains("web1: live blue  commit aaaa111")
                .contains("awaiting promotion: green  " + TestHosts.image("app:v2") + "  commit bbbb222");
        for (int host : List.of(1, 4)) {
            assertThat(served(host, app)).as("host " + host + " while the colour waits").isEqualTo("v1");
        }

        CliRun promoted = run("promote", app, List.of(1, 4), "--wave-size", "1");
        assertThat(promoted.out()).contains("wave 2/2").contains("complete: 2 promoted");
        for (int host : List.of(1, 4)) {
            assertThat(served(host, app)).as("host " + host + " after the promotion").isEqualTo("v2");
        }

        run("deploy", app, List.of(1, 4), "--image", TestHosts.image("app:v1"), "--no-switch", "--detach");
        run("abort", app, List.of(1, 4));
        assertThat(run("status", app, List.of(1, 4)).out()).contains("web1: live green  commit bbbb222")
                .doesNotContain("awaiting promotion");
    }

    private static String served(int host, String app) throws IOException {
        return PlainHttp.get(TestHosts.address(host), fixture.routerPort, app + ".example.test", "/version",
                Duration.ofSeconds(5)).body().strip();
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static CliRun run(String command, String app, List<Integer> hosts, String... more) {
        CliRun run = CliRun.of(args(command, app, hosts, more));
        System.out.print(run.out());
        System.err.print(run.err());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    /** Host 1 is named web1, the others go by their address; the router publishes on each host's own addresses. */
    private static String[] args(String command, String app, List<Integer> hosts, String... more) {
        List<String> args = new ArrayList<>(List.of(command, app));
        for (int host : hosts) {
            args.addAll(List.of("--host", (host == 1 ? "web1=" : "") + TestHosts.host(host).uri()));
        }
        args.addAll(List.of("--tls-ca", TLS.resolve("ca.pem").toString(), "--tls-cert", TLS.resolve("cert.pem").toString(),
                "--tls-key", TLS.resolve("key.pem").toString(),
                "--router-name", fixture.routerName, "--router-image", TestHosts.image("nginx:latest"),
                "--publish", "0.0.0.0:" + fixture.routerPort));
        if (List.of("deploy", "rollback", "promote").contains(command)) {
            args.addAll(List.of("--network", fixture.network, "--port", "8080", "--health-path", "/health",
                    "--drain-timeout", "1", "--stop-timeout", "1", "--server-name", app + ".example.test"));
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
