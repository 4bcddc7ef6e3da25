package io.bluegreen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.HttpProbe;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.testbed.TestHosts;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A namespace engine pulls from the bridge registry and serves at its host's own address. */
@RequiresTestBed
class RemoteEngineContainerTest {

    private static final int HOST = 2;

    private DockerClient docker;
    private String containerId;

    @BeforeEach
    void connect() {
        docker = EngineConnector.connect(TestHosts.host(HOST), OperatorLog.silent());
    }

    @AfterEach
    void removeContainer() throws Exception {
        if (containerId != null) {
            docker.removeContainerCmd(containerId).withForce(true).exec();
        }
        docker.close();
    }

    @Test
    void containerFromTheBridgeRegistryAnswersAtTheHostAddress() throws Exception {
        String image = TestHosts.image("app:v2");
        docker.pullImageCmd(image).start().awaitCompletion();
        ExposedPort http = ExposedPort.tcp(TestBed.APP_PORT);
        Ports bindings = new Ports();
        bindings.bind(http, Ports.Binding.bindIp(TestHosts.address(HOST)));

        containerId = docker.createContainerCmd(image)
                .withName(TestBed.uniqueName("hosts-app"))
                .withExposedPorts(http)
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(bindings))
                .exec().getId();
        docker.startContainerCmd(containerId).exec();
        Ports.Binding published = docker.inspectContainerCmd(containerId).exec()
                .getNetworkSettings().getPorts().getBindings().get(http)[0];

        assertThat(published.getHostIp()).isEqualTo(TestHosts.address(HOST));
        URI version = URI.create("http://" + published.getHostIp() + ":" + published.getHostPortSpec() + "/version");
        assertThat(HttpProbe.awaitOk(version, Duration.ofSeconds(30)).trim()).isEqualTo("v2");
    }
}
