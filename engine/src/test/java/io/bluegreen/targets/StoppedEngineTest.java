package io.bluegreen.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestHosts;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A host whose engine has gone away is named in the error at once, and is usable again once back. */
@RequiresTestBed
class StoppedEngineTest {

    /** Host 4 is outside the Swarm, so stopping it disturbs no Swarm test. */
    private static final int HOST = 4;

    @AfterEach
    void bringTheEngineBack() {
        TestHosts.startEngine(HOST);
    }

    @Test
    void stoppedEngineIsUnreachableWithinSecondsAndAnswersAgainAfterStart() throws Exception {
        EngineEndpoint endpoint = TestHosts.host(HOST);
        TestHosts.stopEngine(HOST);

        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> EngineConnector.connect(endpoint, OperatorLog.silent()))
                        .isInstanceOf(EngineUnreachableException.class)
                        .hasMessageContaining(endpoint.label())
                        .hasMessageContaining("Connection refused")
                        .satisfies(e -> assertThat(((EngineUnreachableException) e).endpoint()).isEqualTo(endpoint)));

        TestHosts.startEngine(HOST);
        try (DockerClient docker = EngineConnector.connect(endpoint, OperatorLog.silent())) {
            assertThat(docker.infoCmd().exec().getName()).isEqualTo(TestHosts.hostname(HOST));
        }
    }
}
