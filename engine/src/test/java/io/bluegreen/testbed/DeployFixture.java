package io.bluegreen.testbed;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.bluegreen.deploy.DeployLabels;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.router.RouterSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One test class's own corner of the engine: its router (unique name, free loopback port), its
 * network and the apps it deployed, all removed by {@link #cleanUp()}.
 */
public final class DeployFixture {
    public final DockerClient docker = TestBed.docker();
    public final String routerName;
    public final int routerPort;
    public final String network;
    private final List<String> apps = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    public DeployFixture() {
        this(TestBed.uniqueName("bgt-router"), freePort(), TestBed.uniqueName("bgt-net"));
    }

    private DeployFixture(String routerName, int routerPort, String network) {
        this.routerName = routerName;
        this.routerPort = routerPort;
        this.network = network;
    }

    /** The same router and network as a fixture in another JVM. */
    public static DeployFixture of(String routerName, int routerPort, String network) {
        return new DeployFixture(routerName, routerPort, network);
    }

    public String newApp(String prefix) {
        String app = TestBed.uniqueName(prefix);
        apps.add(app);
        return app;
    }

    /** A variant of the test app built for this test class, removed by {@link #cleanUp()}. */
    public String buildImage(String prefix, String dockerfile) {
        String tag = TestImages.build(docker, prefix, dockerfile);
        images.add(tag);
        return tag;
    }

    /**
     * The test app at {@code version} (v1 or v2) made to behave like a server without graceful shutdown:
     * it exits at once on SIGTERM, cutting whatever runs. Besides /version and /health it serves
     * /cgi-bin/slow?N (answers at once, a line a second, a last line that proves the body whole),
     * /cgi-bin/late?N (silent for N seconds, then answers), /cgi-bin/warm?N (503 until the app has run N
     * seconds) and /cgi-bin/events (server-sent events).
     */
    public String slowApp(String version) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : List.of("slow", "late", "warm", "events", "start.sh")) {
            try (InputStream in = DeployFixture.class.getResourceAsStream("slow-app/" + name)) {
                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String tag = TestImages.build(docker, "slow-" + version, """
                FROM bluegreen-test/app:%s
                COPY slow late warm events /www/cgi-bin/
                COPY start.sh /start.sh
                RUN chmod 755 /www/cgi-bin/slow /www/cgi-bin/late /www/cgi-bin/warm /www/cgi-bin/events
                """.formatted(version), files);
        images.add(tag);
        return tag;
    }

    public RouterSettings router() {
        return RouterSettings.nginx().withName(routerName).withImage(TestBed.NGINX)
                .withPublish("127.0.0.1", routerPort).withReachAddress("127.0.0.1");
    }

    /**
     * The test app on this fixture's router, with settings that keep a test quick. Many apps share the
     * router, so each answers to a host name of its own besides its app name.
     */
    public DeploySpec spec(String app, String image) {
        return quick(DeploySpec.of(app, image), network).withRouter(router().withServerNames(app + ".example.test"));
    }

    /**
     * The test app's port and health check, with drain and stop times that keep a test quick. The
     * router counts what is in flight, so a drain ends as soon as the quick test requests have.
     */
    public static DeploySpec quick(DeploySpec spec, String network) {
        return spec.withContainerPort(TestBed.APP_PORT)
                .withNetwork(network)
                .withHealth(HealthCheckSpec.http("/health").withDeadline(Duration.ofSeconds(20)))
                .withDrainTimeout(Duration.ofSeconds(5))
                .withStopTimeout(Duration.ofSeconds(1))
                .withPruneImages(false);
    }

    public LoadGenerator load(String app) {
        return new LoadGenerator("127.0.0.1", routerPort, app, "/version", Set.of("v1", "v2"), 3);
    }

    public List<Container> containersOf(String app) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DeployLabels.APP, app)).exec();
    }

    public void cleanUp() {
        for (String app : apps) {
            containersOf(app).forEach(c -> removeQuietly(c.getId()));
        }
        removeQuietly(routerName);
        images.forEach(tag -> TestImages.remove(docker, tag));
        try {
            docker.removeNetworkCmd(network).exec();
        } catch (NotFoundException e) {
            // never created
        }
    }

    public void removeQuietly(String container) {
        try {
            docker.removeContainerCmd(container).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
