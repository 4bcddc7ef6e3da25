package io.bluegreen.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestHosts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * EngineConnector against the test bed's namespace engines: the TLS road works, and every way of
 * getting it wrong ends quickly with an error that says what happened.
 */
@RequiresTestBed
class RemoteEngineConnectionTest {

    /**
     * Not a speed figure: long enough for a first TLS set-up on a loaded 2-core machine, far shorter
     * than the minutes a connection without deadlines would hang.
     */
    private static final Duration FAILS_WITHIN = Duration.ofSeconds(30);

    private final List<String> warnings = new ArrayList<>();
    private final OperatorLog log = warnings::add;

    @Test
    void everyHostAnswersOverTlsAsItsOwnEngine() throws Exception {
        Set<String> engineIds = new HashSet<>();
        for (int number = 1; number <= TestHosts.COUNT; number++) {
            try (DockerClient docker = EngineConnector.connect(TestHosts.host(number), log)) {
                docker.pingCmd().exec();
                Info info = docker.infoCmd().exec();
                assertThat(info.getName()).isEqualTo(TestHosts.hostname(number));
                engineIds.add(info.getId());
            }
        }
        assertThat(engineIds).hasSize(TestHosts.COUNT);
        assertThat(warnings).isEmpty();
    }

    @Test
    void clientCertificateFromAnUnknownCaIsRefused() {
        EngineEndpoint endpoint = EngineEndpoint.of(TestHosts.host(2).uri().toString(), TestHosts.untrustedClientTls());

        assertUnreachableQuickly(endpoint, "refuses a client certificate");
    }

    @Test
    void engineCertificateFromAnUntrustedCaIsRefused() {
        EngineEndpoint endpoint = EngineEndpoint.of(TestHosts.host(2).uri().toString(), TestHosts.foreignCaTls());

        assertUnreachableQuickly(endpoint, "certification path");
    }

    @Test
    void plainTcpToTheTlsPortIsRefusedWithAWarning() {
        EngineEndpoint endpoint = EngineEndpoint.of(TestHosts.host(2).uri().toString());

        assertUnreachableQuickly(endpoint, "HTTPS");
        assertThat(warnings).singleElement().asString().contains("plain TCP without TLS");
    }

    @Test
    void addressWhereNothingAnswersFailsAtTheConnectTimeout() {
        // On the test bed's bridge, but no namespace owns it: ARP goes unanswered.
        EngineEndpoint endpoint = EngineEndpoint.of("tcp://10.231.0.99:" + TestHosts.ENGINE_PORT, TestHosts.clientTls());

        assertUnreachableQuickly(endpoint, "10.231.0.99");
    }

    private void assertUnreachableQuickly(EngineEndpoint endpoint, String reason) {
        assertTimeoutPreemptively(FAILS_WITHIN, () ->
                assertThatThrownBy(() -> EngineConnector.connect(endpoint, log))
                        .isInstanceOf(EngineUnreachableException.class)
                        .hasMessageContaining(endpoint.label())
                        .hasMessageContaining(reason));
    }
}
