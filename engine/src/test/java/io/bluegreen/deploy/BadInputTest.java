package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.validation.InvalidInputException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Bad input is refused naming the field, before the engine is touched: no router, no container, no lock. */
@RequiresTestBed
class BadInputTest {
    private static final DeployFixture fixture = new DeployFixture();
    private final BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, OperatorLog.to(System.out));

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void anAppNameOutOfGrammar() {
        assertRefused("app", DeploySpec.of("Shop_Web", TestBed.APP_V1), spec -> spec);
    }

    @Test
    void aContainerPortOutOfRange() {
        assertRefused("containerPort", null, spec -> spec.withContainerPort(70000));
    }

    @Test
    void aHostPortAlreadyTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertRefused("router.port", null, spec -> spec.withRouter(
                    fixture.router().withPublish("127.0.0.1", taken.getLocalPort())));
        }
    }

    /** Told apart from a process outside Docker: the refusal names the container that publishes the port. */
    @Test
    void aHostPortAnotherContainerPublishes() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String holder = TestBed.uniqueName("bgt-port-holder");
        fixture.docker.createContainerCmd(TestBed.APP_V1).withName(holder).withExposedPorts(ExposedPort.tcp(TestBed.APP_PORT))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(PortBinding.parse("127.0.0.1:" + port + ":"
                        + TestBed.APP_PORT))).exec();
        try {
            fixture.docker.startContainerCmd(holder).exec();
            String app = fixture.newApp("bgt-bad");
            assertThatThrownBy(() -> deployer.deploy(fixture.spec(app, TestBed.APP_V1).withRouter(
                    fixture.router().withPublish("127.0.0.1", port))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("router.port"))
                    .hasMessageContaining("host port " + port + " is already taken by container /" + holder);
            assertThat(fixture.containersOf(app)).isEmpty();
        } finally {
            fixture.docker.removeContainerCmd(holder).withForce(true).exec();
        }
    }

    @Test
    void aHealthPathWithoutLeadingSlash() {
        assertRefused("health.path", null, spec -> spec.withHealth(HealthCheckSpec.http("health")));
    }

    @Test
    void anUnknownImage() {
        assertRefused("image", null, spec -> spec.withImage("bluegreen-test/no-such-image:" + TestBed.uniqueName("v")));
    }

    private void assertRefused(String field, DeploySpec given, UnaryOperator<DeploySpec> spoil) {
        String app = fixture.newApp("bgt-bad");
        DeploySpec spec = spoil.apply(given != null ? given.withRouter(fixture.router()) : fixture.spec(app, TestBed.APP_V1));
        assertThatThrownBy(() -> deployer.deploy(spec))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining("fix:");
        assertThat(fixture.containersOf(app)).isEmpty();
        assertThat(fixture.containersOf(spec.app())).isEmpty();
        assertThatThrownBy(() -> fixture.docker.inspectContainerCmd(fixture.routerName).exec())
                .isInstanceOf(NotFoundException.class);
    }
}
