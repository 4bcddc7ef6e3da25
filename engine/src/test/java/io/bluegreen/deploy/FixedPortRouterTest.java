package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.health.PlainHttp;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Without nginx: blue on one host port, green on another; the live colour is recorded in the engine. */
@RequiresTestBed
class FixedPortRouterTest {
    private static final DeployFixture fixture = new DeployFixture();
    private final int bluePort = DeployFixture.freePort();
    private final int greenPort = DeployFixture.freePort();
    private final RouterSettings ports = RouterSettings.fixedPorts(bluePort, greenPort)
            .withPublish("127.0.0.1", 0).withReachAddress("127.0.0.1");

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void eachColourServesOnItsOwnPortAndTheOldOneStopsAfterTheSwitch() throws Exception {
        String app = fixture.newApp("bgt-ports");
        BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, OperatorLog.to(System.out));
        assertThat(deployer.deploy(fixture.spec(app, TestBed.APP_V1).withRouter(ports)).liveColour()).isEqualTo(Colour.BLUE);
        assertThat(version(bluePort)).isEqualTo("v1");

        DeployResult second = deployer.deploy(fixture.spec(app, TestBed.APP_V2).withRouter(ports));
        assertThat(second.liveColour()).isEqualTo(Colour.GREEN);
        assertThat(second.drain().counted()).as("the team's load balancer sees the requests, so the drain waits the timeout")
                .isFalse();
        assertThat(second.drain().describe()).contains("cannot see in-flight requests");
        assertThat(version(greenPort)).isEqualTo("v2");
        assertThatThrownBy(() -> version(bluePort)).isInstanceOf(IOException.class);
        assertThat(ports.open(fixture.docker, OperatorLog.silent()).liveColour(app)).contains(Colour.GREEN);

        assertThat(deployer.rollback(fixture.spec(app, TestBed.APP_V1).withRouter(ports)).liveColour()).isEqualTo(Colour.BLUE);
        assertThat(version(bluePort)).isEqualTo("v1");
        assertThat(ports.open(fixture.docker, OperatorLog.silent()).liveColour(app)).contains(Colour.BLUE);
    }

    @Test
    void moreThanOneReplicaIsRefusedBecauseAHostPortBindsOnce() {
        assertThatThrownBy(() -> new BlueGreenDeploy(fixture.docker, OperatorLog.silent())
                .deploy(fixture.spec(fixture.newApp("bgt-ports"), TestBed.APP_V1).withRouter(ports).withReplicas(2)))
                .hasMessageContaining("replicas");
    }

    private static String version(int port) throws IOException {
        return PlainHttp.get("127.0.0.1", port, "app", "/version", Duration.ofSeconds(2)).body().trim();
    }
}
