package io.bluegreen.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EngineConnectorTest {
    private static final Duration FAST = Duration.ofSeconds(8);
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void aClosedTcpPortFailsFastAndWarnsAboutPlainTcp() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertUnreachableWithin(FAST, "tcp://127.0.0.1:" + closedPort);
        assertThat(log).anyMatch(line -> line.startsWith("WARNING:") && line.contains("plain TCP"));
    }

    @Test
    void anEngineThatAcceptsButNeverAnswersFailsWithinThePingDeadline() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertUnreachableWithin(EngineConnector.PING_DEADLINE.plus(FAST), "tcp://127.0.0.1:" + silent.getLocalPort());
        }
    }

    @Test
    void aMissingUnixSocketFailsFast() {
        assertUnreachableWithin(FAST, "unix:///tmp/no-such-dir-" + System.nanoTime() + "/docker.sock");
        assertThat(log).noneMatch(line -> line.contains("plain TCP"));
    }

    private void assertUnreachableWithin(Duration limit, String uri) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> EngineConnector.connect(EngineEndpoint.of(uri), log::add))
                .isInstanceOf(EngineUnreachableException.class)
                .hasMessageContaining("is unreachable")
                .hasMessageContaining("fix:");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(limit);
    }
}
