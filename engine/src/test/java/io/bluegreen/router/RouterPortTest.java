package io.bluegreen.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.validation.InvalidInputException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A router keeps the port it was made with, and one that cannot take its port leaves nothing behind. */
@RequiresTestBed
class RouterPortTest {
    private static final DeployFixture fixture = new DeployFixture();
    private final BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, OperatorLog.to(System.out));

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void aDeployAskingAnExistingRouterForAnotherPortIsRefusedNamingBoth() {
        String app = fixture.newApp("bgt-port");
        deployer.deploy(fixture.spec(app, TestBed.APP_V1));
        int other = DeployFixture.freePort();
        assertThatThrownBy(() -> deployer.deploy(fixture.spec(app, TestBed.APP_V2)
                .withRouter(fixture.router().withServerNames(app + ".example.test").withPublish("127.0.0.1", other))))
                .hasRootCauseInstanceOf(InvalidInputException.class)
                .hasMessageContaining("router.port")
                .hasMessageContaining("publishes on 127.0.0.1:" + fixture.routerPort + ", not on 127.0.0.1:" + other);
        assertThat(fixture.containersOf(app)).as("nothing of the refused deploy was made").hasSize(1);
    }

    @Test
    void aRouterThatCannotTakeItsPortIsRemovedAndTheErrorSaysWhy() throws Exception {
        String router = TestBed.uniqueName("bgt-router");
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            int port = holder.getLocalPort();
            String app = fixture.newApp("bgt-taken");
            assertThatThrownBy(() -> deployer.deploy(fixture.spec(app, TestBed.APP_V1).withRouter(RouterSettings.nginx()
                    .withName(router).withImage(TestBed.NGINX).withPublish("127.0.0.2", port).withReachAddress("127.0.0.1")
                    .withServerNames(app + ".example.test"))))
                    .hasRootCauseInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("router.port")
                    .hasMessageContaining("cannot publish on 127.0.0.2:" + port + " (address already in use)");
        }
        assertThatThrownBy(() -> fixture.docker.inspectContainerCmd(router).exec()).isInstanceOf(NotFoundException.class);
    }
}
