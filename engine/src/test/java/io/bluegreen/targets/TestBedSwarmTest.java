package io.bluegreen.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.api.model.TaskSpec;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.HttpProbe;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.testbed.TestHosts;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test bed's Swarm as the Swarm target will use it: three ready nodes behind one manager, and
 * a service whose tasks answer on every node's own address through host-mode ports (the kernel
 * has no IPVS, so no virtual IPs and no ingress mesh).
 */
@RequiresTestBed
class TestBedSwarmTest {

    private DockerClient manager;
    private String serviceId;

    @BeforeEach
    void connect() {
        manager = EngineConnector.connect(TestHosts.swarmManager(), OperatorLog.silent());
    }

    @AfterEach
    void removeService() throws Exception {
        if (serviceId != null) {
            manager.removeServiceCmd(serviceId).exec();
        }
        manager.close();
    }

    @Test
    void managerSeesThreeReadyNodes() {
        SwarmInfo swarm = manager.infoCmd().exec().getSwarm();
        List<SwarmNode> nodes = manager.listSwarmNodesCmd().exec();

        assertThat(swarm.getNodes()).isEqualTo(TestHosts.SWARM_SIZE);
        assertThat(swarm.getManagers()).isEqualTo(1);
        assertThat(nodes).extracting(node -> node.getDescription().getHostname())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, TestHosts.SWARM_SIZE)
                        .mapToObj(TestHosts::hostname).toList());
        assertThat(nodes).allSatisfy(node -> assertThat(node.getStatus().getState()).isEqualTo(SwarmNodeState.READY));
    }

    @Test
    void dnsrrServiceWithHostModePortAnswersOnEveryNode() throws Exception {
        int port = ThreadLocalRandom.current().nextInt(20000, 30000);
        serviceId = manager.createServiceCmd(new ServiceSpec()
                .withName(TestBed.uniqueName("hosts-swarm"))
                .withTaskTemplate(new TaskSpec()
                        .withContainerSpec(new ContainerSpec().withImage(TestHosts.image("app:v1")))
                        .withPlacement(new ServicePlacement().withMaxReplicas(1)))
                .withMode(new ServiceModeConfig().withReplicated(
                        new ServiceReplicatedModeOptions().withReplicas(TestHosts.SWARM_SIZE)))
                .withEndpointSpec(new EndpointSpec()
                        .withMode(EndpointResolutionMode.DNSRR)
                        .withPorts(List.of(new PortConfig()
                                .withProtocol(PortConfigProtocol.TCP)
                                .withPublishMode(PortConfig.PublishMode.host)
                                .withPublishedPort(port)
                                .withTargetPort(TestBed.APP_PORT)))))
                .exec().getId();

        for (int host = 1; host <= TestHosts.SWARM_SIZE; host++) {
            URI version = URI.create("http://" + TestHosts.address(host) + ":" + port + "/version");
            assertThat(HttpProbe.awaitOk(version, Duration.ofSeconds(60)).trim()).isEqualTo("v1");
        }
    }
}
