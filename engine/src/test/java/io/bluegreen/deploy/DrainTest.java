package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.DrainReport;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.TestBed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "No request dropped" for requests of any length up to the drain timeout, with an app that exits at
 * once on SIGTERM (so stopping it too early cuts what runs, and a cut answer may still look like a 200:
 * every body is checked for its last line). The router counts the requests routed to the old colour,
 * and the drain ends when they have.
 */
class DrainTest {
    private static final DeployFixture fixture = new DeployFixture();
    private static final BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, OperatorLog.to(System.out));
    private static String v1;
    private static String v2;

    @BeforeAll
    static void buildTheSlowApp() {
        v1 = fixture.slowApp("v1");
        v2 = fixture.slowApp("v2");
    }

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    /** Everything at the product's defaults (drain timeout, stop timeout) but the test bed's port, network and router. */
    private static DeploySpec withDefaults(String app, String image) {
        return DeploySpec.of(app, image).withContainerPort(TestBed.APP_PORT).withNetwork(fixture.network)
                .withHealth(HealthCheckSpec.http("/health")).withRouter(fixture.router().withServerNames(app + ".example.test"));
    }

    @Test
    void requestsOfOneEightAndTwentyFiveSecondsAreNeverCutAcrossTenDeploysWithDefaultSettings() throws Exception {
        String app = fixture.newApp("bgt-drain");
        deployer.deploy(withDefaults(app, v1));
        List<LoadGenerator> load = List.of(fixture.load(app),
                LoadGenerator.slowRequests("127.0.0.1", fixture.routerPort, app, 1, 2),
                LoadGenerator.slowRequests("127.0.0.1", fixture.routerPort, app, 8, 2),
                LoadGenerator.slowRequests("127.0.0.1", fixture.routerPort, app, 25, 2));
        load.forEach(LoadGenerator::start);
        List<DrainReport> drains = new ArrayList<>();
        try {
            Thread.sleep(3000);
            for (int n = 1; n <= 10; n++) {
                DeployResult result = deployer.deploy(withDefaults(app, n % 2 == 1 ? v2 : v1));
                drains.add(result.drain());
                assertThat(result.drain().endedAtTimeout()).as("deploy " + n + ": " + result.drain().describe()).isZero();
            }
        } finally {
            for (LoadGenerator generator : load) {
                generator.close();
            }
        }
        for (LoadGenerator generator : load) {
            assertThat(generator.failures()).as("failed or cut answers out of " + generator.requests()).isEmpty();
        }
        assertThat(load.get(3).answers()).as("whole 25 s answers").hasSizeGreaterThanOrEqualTo(6);
        assertThat(drains).as("the drains waited for real requests, not for nothing")
                .anySatisfy(drain -> assertThat(drain.inFlightAtSwitch()).isGreaterThanOrEqualTo(2))
                .allSatisfy(drain -> assertThat(drain.counted()).isTrue());
        drains.forEach(drain -> System.out.println("drain: " + drain.describe()));
    }

    @Test
    void atTheTimeoutRunningRequestsAreCountedAndOneNotYetAnsweredGetsAnError() throws Exception {
        String app = fixture.newApp("bgt-timeout");
        deployer.deploy(withDefaults(app, v1));
        CompletableFuture<HttpAnswer> notAnswered = request(app, "/cgi-bin/late?20");
        CompletableFuture<HttpAnswer> answering = request(app, "/cgi-bin/slow?20");
        Thread.sleep(1000);

        DeployResult result = deployer.deploy(withDefaults(app, v2).withDrainTimeout(Duration.ofSeconds(5)));
        assertThat(result.drain().inFlightAtSwitch()).isEqualTo(2);
        assertThat(result.drain().endedAtTimeout()).isEqualTo(2);
        assertThat(result.drain().took()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(result.drain().describe()).contains("2 still running at the 5.0 s drain timeout, ended");

        assertThat(notAnswered.get().status()).as("an answer that had not started").isGreaterThanOrEqualTo(500);
        assertThat(answering.get().body()).as("an answer that had started is cut, which only its body shows")
                .startsWith("begin v1\n").doesNotContain("end v1");
    }

    @Test
    void anIdleAppIsStoppedWithoutWaiting() {
        String app = fixture.newApp("bgt-idle");
        deployer.deploy(withDefaults(app, v1));
        DeployResult result = deployer.deploy(withDefaults(app, v2));
        assertThat(result.drain().inFlightAtSwitch()).isZero();
        assertThat(result.drain().endedAtTimeout()).isZero();
        assertThat(result.drain().describe()).isEqualTo("no request in flight");
        assertThat(result.drain().took()).as("of a 30 s timeout").isLessThan(Duration.ofSeconds(5));
        assertThat(fixture.containersOf(app)).filteredOn(c -> result.previousColour().label()
                .equals(c.getLabels().get(DeployLabels.COLOUR))).singleElement()
                .satisfies(c -> assertThat(c.getState()).isEqualTo("exited"));
    }

    /**
     * The documented policy for long-lived connections (server-sent events, WebSockets): they are
     * requests in flight like any other, so they keep their colour until the drain timeout and are
     * counted and closed with it; a client that reconnects reaches the new colour.
     */
    @Test
    void aServerSentEventStreamKeepsItsColourUntilTheDrainTimeoutThenEndsAndReconnectsToTheNewOne() throws Exception {
        String app = fixture.newApp("bgt-events");
        deployer.deploy(withDefaults(app, v1));
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> readEvents(app, events));
        Thread.sleep(1500);

        DeployResult result = deployer.deploy(withDefaults(app, v2).withDrainTimeout(Duration.ofSeconds(4)));
        stream.get();
        assertThat(result.drain().endedAtTimeout()).isEqualTo(1);
        assertThat(events).as("the stream stayed on v1 through the drain, then ended")
                .hasSizeGreaterThanOrEqualTo(5).allSatisfy(event -> assertThat(event).startsWith("data: v1 "));

        List<String> reconnected = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> again = CompletableFuture.runAsync(() -> readEvents(app, reconnected));
        Thread.sleep(1500);
        assertThat(reconnected).isNotEmpty().allSatisfy(event -> assertThat(event).startsWith("data: v2 "));
        deployer.deploy(withDefaults(app, v1).withDrainTimeout(Duration.ZERO));
        again.get();
    }

    private static CompletableFuture<HttpAnswer> request(String app, String path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return PlainHttp.get("127.0.0.1", fixture.routerPort, app, path, Duration.ofSeconds(40));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Reads an event stream until the server ends it, keeping each "data:" line. */
    private static void readEvents(String app, List<String> events) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", fixture.routerPort), 2000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /cgi-bin/events HTTP/1.1\r\nHost: " + app + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("data: ")) {
                    events.add(line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
