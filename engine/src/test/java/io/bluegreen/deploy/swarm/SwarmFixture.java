package io.bluegreen.deploy.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Service;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.targets.EngineConnector;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.testbed.TestHosts;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * One app on the test bed's Swarm under a name and router port of its own, the deploy settings the
 * Swarm tests and benchmark share, load through every node's router, and removal of everything the
 * app left (services, lock, network) at the end.
 */
public final class SwarmFixture implements AutoCloseable {
    final DockerClient manager = EngineConnector.connect(TestHosts.swarmManager(), OperatorLog.silent());
    public final String app = TestBed.uniqueName("swarm");
    public final String network = app + "-net";
    public final int routerPort = ThreadLocalRandom.current().nextInt(20000, 30000);

    DeploySpec spec(String version) {
        return DeploySpec.of(app, TestHosts.image("app:" + version))
                .withContainerPort(TestBed.APP_PORT)
                .withReplicas(TestHosts.SWARM_SIZE)
                .withNetwork(network)
                .withHealth(HealthCheckSpec.http("/health").withDeadline(Duration.ofSeconds(60)))
                .withDrainTimeout(Duration.ofSeconds(1))
                .withStopTimeout(Duration.ofSeconds(5))
                .withLockWait(Duration.ofSeconds(5))
                .withCommit("commit-" + version)
                .withRouter(RouterSettings.nginx().withImage(TestHosts.image("nginx:latest"))
                        .withPublish("0.0.0.0", routerPort));
    }

    DeploySpec rollbackSpec() {
        return DeploySpec.forRollback(app).withContainerPort(TestBed.APP_PORT).withNetwork(network)
                .withHealth(HealthCheckSpec.http("/health")).withDrainTimeout(Duration.ofSeconds(1))
                .withStopTimeout(Duration.ofSeconds(5))
                .withRouter(RouterSettings.nginx().withImage(TestHosts.image("nginx:latest"))
                        .withPublish("0.0.0.0", routerPort));
    }

    /** GET /version through the router on each node's own address, as users spread over the nodes would. */
    List<LoadGenerator> loadOnEveryNode() {
        return IntStream.rangeClosed(1, TestHosts.SWARM_SIZE).mapToObj(node -> new LoadGenerator(TestHosts.address(node),
                routerPort, app, "/version", Set.of("v1", "v2"), 2).start()).toList();
    }

    List<Service> appServices() {
        return manager.listServicesCmd().withNameFilter(List.of(app)).exec().stream()
                .filter(service -> service.getSpec().getName().startsWith(app)).toList();
    }

    @Override
    public void close() throws Exception {
        SwarmServices services = new SwarmServices(manager);
        services.withPrefix(app).forEach(service -> services.remove(service.getSpec().getName()));
        services.remove(SwarmLock.serviceName(app));
        // the overlay network goes once the tasks that used it are gone
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                manager.listNetworksCmd().withNameFilter(network).exec().stream()
                        .filter(candidate -> candidate.getName().equals(network))
                        .forEach(candidate -> manager.removeNetworkCmd(candidate.getId()).exec());
                break;
            } catch (RuntimeException stillInUse) {
                Thread.sleep(500);
            }
        }
        manager.close();
    }
}
