package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.DrainReport;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
@RequiresTestBed
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

        assertThat(notAnswered.get().status()).as("an answer that had not started: the wait was cut").isEqualTo(504);
        assertThat(answering.get().body()).as("an answer that had started is cut, which only its body shows")
                .startsWith("begin v1\n").doesNotContain("end v1");
    }

    /** The switch proves itself on the health path; an app whose health answer is slow but in time still deploys. */
    @Test
    void aHealthPathThatAnswersInThreeSecondsPassesTheSwitchWhenTheHealthCheckAllowsSix() throws Exception {
        String app = fixture.newApp("bgt-slowhealth");
        deployer.deploy(withDefaults(app, v1));
        DeployResult result = deployer.deploy(withDefaults(app, v2)
                .withHealth(HealthCheckSpec.http("/cgi-bin/late?3").withTimeout(Duration.ofSeconds(6))));
        assertThat(result.liveColour()).isEqualTo(result.previousColour().other());
        assertThat(PlainHttp.get("127.0.0.1", fixture.routerPort, app, "/version", Duration.ofSeconds(2)).body().trim())
                .isEqualTo("v2");
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
     * A client that keeps its connection to the router open (as browsers do) neither pins the old colour
     * nor holds up the drain: the colour is chosen per request, and the router keeps no connection to
     * apps. Like browsers, the client opens a new connection when the router has closed an idle one
     * (nginx does that to idle connections of workers retired by a reload, here the stage's).
     * The stage runs beside the health gate, so the new colour warms up for 3 s before it is healthy: with
     * an app healthy at once, the flip may follow the stage's reload by a few milliseconds, and no
     * connection would be open across both.
     */
    @Test
    void aKeepAliveClientMovesToTheNewColourOnItsOpenConnectionWithoutHoldingTheDrain() throws Exception {
        String app = fixture.newApp("bgt-keepalive");
        deployer.deploy(withDefaults(app, v1));
        List<List<String>> connections = new ArrayList<>();
        DeploySpec slowToBeHealthy = withDefaults(app, v2)
                .withHealth(HealthCheckSpec.http("/cgi-bin/warm?3"));
        CompletableFuture<DeployResult> deploy = CompletableFuture.supplyAsync(() -> deployer.deploy(slowToBeHealthy));
        while (!deploy.isCompletedExceptionally()
                && (!deploy.isDone() || connections.isEmpty() || !connections.get(connections.size() - 1).contains("v2"))) {
            List<String> versions = new ArrayList<>();
            connections.add(versions);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", fixture.routerPort), 2000);
                socket.setSoTimeout(5000);
                for (Optional<String> version = keepAliveGet(socket, app); version.isPresent(); version = keepAliveGet(socket, app)) {
                    versions.add(version.get());
                    if (deploy.isDone() && versions.contains("v2")) {
                        break;
                    }
                    Thread.sleep(50);
                }
            }
        }
        DrainReport drain = deploy.get().drain();
        assertThat(drain.endedAtTimeout()).isZero();
        assertThat(drain.took()).as("of a 30 s timeout").isLessThan(Duration.ofSeconds(5));
        assertThat(connections).as("answers per connection, in order").allSatisfy(versions ->
                assertThat(String.join(" ", versions)).matches("(v1 ?)*(v2 ?)*"))
                .anySatisfy(versions -> assertThat(versions).as("the flip seen on one open connection").contains("v1", "v2"));
    }

    /**
     * One GET on an open HTTP/1.1 connection; the router answers with a Content-Length and keeps the
     * connection. Empty when the router had closed it before answering, so the request may be sent again.
     */
    private static Optional<String> keepAliveGet(Socket socket, String app) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int first;
        try {
            socket.getOutputStream().write(("GET /version HTTP/1.1\r\nHost: " + app + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            first = in.read();
        } catch (SocketException closedMeanwhile) {
            return Optional.empty();
        }
        if (first < 0) {
            return Optional.empty();
        }
        String status = (char) first + readLine(in);
        assertThat(status).startsWith("HTTP/1.1 200");
        int length = -1;
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        assertThat(length).as("a keep-alive answer carries its length").isPositive();
        byte[] body = new byte[length];
        in.readFully(body);
        return Optional.of(new String(body, StandardCharsets.US_ASCII).trim());
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the router closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
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
