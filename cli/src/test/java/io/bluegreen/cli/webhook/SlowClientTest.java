package io.bluegreen.cli.webhook;

import static io.bluegreen.gitlab.GitLabSamples.TOKEN;
import static io.bluegreen.gitlab.GitLabSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.bluegreen.gitlab.WebhookHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow and abusive clients over real loopback sockets, while GitLab keeps pushing: 100 connections
 * that send half a request and stall, one that sends its headers a byte a second, and one with the
 * right token whose body trickles at a byte a second. Every real push must still be answered within
 * a second, and each abusive connection must be closed by the deadline it broke.
 */
class SlowClientTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    /** Scheduling on a shared 2-core machine; the deadlines themselves are seconds. */
    private static final Duration SLACK = Duration.ofMillis(750);
    private static final int STALLED = 100;
    private static final Duration PUSH_LATENCY_LIMIT = Duration.ofSeconds(1);

    private final ExecutorService abusers = Executors.newFixedThreadPool(STALLED + 2);
    private final List<Socket> sockets = new ArrayList<>();
    private GitLabStandIn gitlab;

    @AfterEach
    void stop() throws IOException {
        abusers.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        gitlab.close();
    }

    @Test
    void realPushesAreAnsweredWithinASecondWhileAbusiveConnectionsAreCutAtTheirDeadlines() throws Exception {
        gitlab = new GitLabStandIn(GitLabStandIn.handler("master -> staging"),
                new ServerLimits(HEADER_TIMEOUT, READ_TIMEOUT, ServerLimits.DEFAULT_MAX_CONNECTIONS,
                        WebhookHandler.DEFAULT_MAX_BODY_BYTES), Optional.empty(), HttpClient.newBuilder());
        byte[] push = sample("push-master.json");
        // One push before the abuse: the first exchange of a fresh JVM loads classes on both sides
        // (1.7 s once on this loaded 2-core machine), which is not what this test measures.
        assertThat(gitlab.post(WebhookHandler.PUSH_HOOK, TOKEN, push).statusCode()).isEqualTo(202);
        gitlab.takeDecisions();

        List<Future<Duration>> stalled = new ArrayList<>();
        for (int i = 0; i < STALLED; i++) {
            Socket socket = connect();
            long opened = System.nanoTime();
            send(socket, "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Gitlab-Event: Push Ho");
            stalled.add(abusers.submit(() -> untilClosed(socket, opened)));
        }
        Socket slowHeaders = connect();
        long slowHeadersOpened = System.nanoTime();
        abusers.submit(() -> trickle(slowHeaders,
                "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Gitlab-Token: " + TOKEN + "\r\n\r\n"));
        Future<Duration> slowHeadersClosed = abusers.submit(() -> untilClosed(slowHeaders, slowHeadersOpened));
        Socket slowBody = connect();
        send(slowBody, "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Gitlab-Event: Push Hook\r\nX-Gitlab-Token: " + TOKEN + "\r\nContent-Length: " + push.length + "\r\n\r\n");
        long slowBodyHeadersSent = System.nanoTime();
        Future<Integer> slowBodyBytes = abusers.submit(() -> trickle(slowBody, new String(push, StandardCharsets.UTF_8)));
        Future<Duration> slowBodyClosed = abusers.submit(() -> untilClosed(slowBody, slowBodyHeadersSent));

        // Push for longer than every deadline, so pushes also land while the server closes connections.
        Duration longest = Duration.ZERO;
        int pushes = 0;
        long pushingUntil = System.nanoTime() + READ_TIMEOUT.plus(SLACK).plusSeconds(1).toNanos();
        while (System.nanoTime() < pushingUntil) {
            long sent = System.nanoTime();
            HttpResponse<String> response = gitlab.post(WebhookHandler.PUSH_HOOK, TOKEN, push);
            Duration latency = Duration.ofNanos(System.nanoTime() - sent);

            assertThat(response.statusCode()).as("push %d: %s", pushes, response.body()).isEqualTo(202);
            assertThat(latency).as("push %d", pushes).isLessThan(PUSH_LATENCY_LIMIT);
            assertThat(gitlab.takeDecisions()).hasSize(1);
            longest = latency.compareTo(longest) > 0 ? latency : longest;
            pushes++;
            Thread.sleep(100);
        }

        Duration latestStalledClose = Duration.ZERO;
        Duration earliestStalledClose = Duration.ofDays(1);
        for (Future<Duration> closed : stalled) {
            Duration after = closed.get(1, TimeUnit.SECONDS);
            latestStalledClose = after.compareTo(latestStalledClose) > 0 ? after : latestStalledClose;
            earliestStalledClose = after.compareTo(earliestStalledClose) < 0 ? after : earliestStalledClose;
        }
        assertThat(earliestStalledClose).isGreaterThanOrEqualTo(HEADER_TIMEOUT.minus(SLACK));
        assertThat(latestStalledClose).isLessThanOrEqualTo(HEADER_TIMEOUT.plus(SLACK));
        Duration headersCut = slowHeadersClosed.get(1, TimeUnit.SECONDS);
        assertThat(headersCut).isBetween(HEADER_TIMEOUT.minus(SLACK), HEADER_TIMEOUT.plus(SLACK));
        Duration bodyCut = slowBodyClosed.get(1, TimeUnit.SECONDS);
        assertThat(bodyCut).isBetween(READ_TIMEOUT.minus(SLACK), READ_TIMEOUT.plus(SLACK));
        int bodyBytes = slowBodyBytes.get(2, TimeUnit.SECONDS);
        assertThat(gitlab.takeDecisions()).as("the trickled push never completed").isEmpty();
        System.out.printf("slow clients: %d pushes under abuse, slowest answer %d ms; %d stalled connections closed"
                        + " %d-%d ms after opening and trickled headers after %d ms (header timeout %d ms);"
                        + " trickled body cut %d ms after its headers, %d bytes written (read timeout %d ms)%n",
                pushes, longest.toMillis(), STALLED, earliestStalledClose.toMillis(), latestStalledClose.toMillis(),
                headersCut.toMillis(), HEADER_TIMEOUT.toMillis(), bodyCut.toMillis(), bodyBytes, READ_TIMEOUT.toMillis());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(gitlab.server.address(), 2_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** How long after {@code opened} the server closed the connection; fails if it answered instead. */
    private static Duration untilClosed(Socket socket, long opened) throws IOException {
        socket.setSoTimeout((int) HEADER_TIMEOUT.multipliedBy(4).toMillis());
        InputStream in = socket.getInputStream();
        try {
            int read = in.read();
            assertThat(read).as("a stalled connection gets no answer, only closed").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("a stalled connection was still open after " + HEADER_TIMEOUT.multipliedBy(4), e);
        } catch (IOException reset) {
            // closed with a reset: closed all the same
        }
        return Duration.ofNanos(System.nanoTime() - opened);
    }

    /** Sends {@code text} one byte a second until the server closes the connection; the bytes written. */
    private static int trickle(Socket socket, String text) throws InterruptedException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        int sent = 0;
        try {
            OutputStream out = socket.getOutputStream();
            while (sent < bytes.length) {
                out.write(bytes[sent]);
                out.flush();
                sent++;
                Thread.sleep(1_000);
            }
            throw new AssertionError("the server took the whole trickled request");
        } catch (IOException closed) {
            return sent;
        }
    }
}
