package io.bluegreen.testbed;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.bluegreen.deploy.DeployLabels;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.targets.EngineConnector;
import io.bluegreen.targets.EngineUnreachableException;
import io.bluegreen.targets.Host;
import io.bluegreen.targets.HostsTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * One test class's corner of the test bed's hosts: on every host its own router (unique name, a
 * port of its own on the host's address) and network, the apps it deployed, all removed by
 * {@link #cleanUp()}. Hosts are named as their engines name themselves (bghost1, ...).
 */
public final class HostsFixture {
    public final String routerName = TestBed.uniqueName("bgt-router");
    public final int routerPort = ThreadLocalRandom.current().nextInt(20000, 40000);
    public final String network = TestBed.uniqueName("bgt-net");
    private final int hostCount;
    private final Map<Integer, DockerClient> engines = new LinkedHashMap<>();
    private final List<String> apps = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    public HostsFixture(int hostCount) {
        this.hostCount = hostCount;
    }

    public static Host host(int number) {
        return new Host(TestHosts.hostname(number), TestHosts.host(number), Set.of());
    }

    /** Hosts 1..count in this order; the first is the canary. */
    public HostsTarget target(int... numbers) {
        return new HostsTarget(Arrays.stream(numbers).mapToObj(HostsFixture::host).toList());
    }

    public static int number(Host host) {
        return Integer.parseInt(host.name().substring("bghost".length()));
    }

    public String newApp(String prefix) {
        String app = TestBed.uniqueName(prefix);
        apps.add(app);
        return app;
    }

    /** An image the hosts pull by the registry's address; removed from every host after. */
    public String registryImage(String image) {
        images.add(image);
        return image;
    }

    /** This fixture's router on every host, each host's own; the target reaches each at its host's address. */
    public RouterSettings router() {
        return RouterSettings.nginx().withName(routerName).withImage(TestHosts.image("nginx:latest"))
                .withPublish("0.0.0.0", routerPort);
    }

    /**
     * The test app on this fixture's router of every host, with settings that keep a test quick; many
     * apps share each router, so each answers to a host name of its own.
     */
    public DeploySpec spec(String app, String image, String commit) {
        return DeployFixture.quick(DeploySpec.of(app, image).withCommit(commit), network)
                .withRouter(router().withServerNames(app + ".example.test"));
    }

    public LoadGenerator load(int host, String app) {
        return new LoadGenerator(TestHosts.address(host), routerPort, app, "/version", Set.of("v1", "v2"), 2);
    }

    /** The host's engine; one that was just started again gets a little time to answer on TCP. */
    public DockerClient engine(int host) {
        return engines.computeIfAbsent(host, n -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    return EngineConnector.connect(TestHosts.host(n), OperatorLog.silent());
                } catch (EngineUnreachableException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                    pause();
                }
            }
        });
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<Container> containersOf(int host, String app) {
        return engine(host).listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DeployLabels.APP, app)).exec();
    }

    /** What a host holds of an app, container by container: enough to see that nothing was touched. */
    public Map<String, Map<String, String>> snapshot(int host, String app) {
        return containersOf(host, app).stream()
                .collect(Collectors.toMap(c -> c.getId() + " " + c.getState(), Container::getLabels));
    }

    public void cleanUp() {
        engines.clear();
        for (int host = 1; host <= hostCount; host++) {
            try {
                cleanUp(host);
            } catch (RuntimeException e) {
                System.err.println("cleaning host " + host + " failed: " + e);
            }
        }
    }

    private void cleanUp(int host) {
        DockerClient docker = engine(host);
        for (String app : apps) {
            containersOf(host, app).forEach(c -> removeQuietly(docker, c.getId()));
        }
        removeQuietly(docker, routerName);
        for (String image : images) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException e) {
                // never pulled there
            }
        }
        try {
            docker.removeNetworkCmd(network).exec();
        } catch (NotFoundException e) {
            // never created there
        }
    }

    private static void removeQuietly(DockerClient docker, String container) {
        try {
            docker.removeContainerCmd(container).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }
}
