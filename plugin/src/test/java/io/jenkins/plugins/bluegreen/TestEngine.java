package io.jenkins.plugins.bluegreen;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.bluegreen.testbed.TestBed;
import io.jenkins.plugins.bluegreen.targets.DeployTarget;
import io.jenkins.plugins.bluegreen.targets.DeployTargets;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test bed's engine for JenkinsRule tests of one app, registered with {@code @RegisterExtension}:
 * opened before each test; after it, the app's containers (and lock) and the test's routers are removed.
 * Whether the test bed is there is {@link io.bluegreen.testbed.RequiresTestBed}'s to decide, on the test class.
 */
public final class TestEngine implements BeforeEachCallback, AfterEachCallback {
    private final String app;
    private final String routerPrefix = TestBed.uniqueName("plugin-router");
    private DockerClient docker;

    private TestEngine(String app) {
        this.app = app;
    }

    public static TestEngine forApp(String app) {
        return new TestEngine(app);
    }

    public DockerClient docker() {
        return docker;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        docker = TestBed.docker();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            removeApp();
        } finally {
            docker.close();
        }
    }

    /**
     * A target on the local engine, added to the configured ones, with a router of this test's own (one per
     * target, as staging and production have) on a free loopback port.
     */
    public DeployTarget addTarget(String name) throws IOException {
        DeployTarget target = new DeployTarget(name, "unix:///var/run/docker.sock");
        target.setRouterName(routerPrefix + "-" + name);
        target.setRouterImage(TestBed.NGINX);
        target.setRouterAddress("127.0.0.1");
        target.setRouterPort(freePort());
        target.setHealthPath("/health");
        List<DeployTarget> targets = new ArrayList<>(DeployTargets.get().getTargets());
        targets.add(target);
        DeployTargets.get().setTargets(targets);
        return target;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void removeApp() {
        List<Container> leftovers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.bluegreen.app", app)).exec();
        leftovers.forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(routerPrefix)).exec()
                .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
    }
}
