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

/**
 * The test bed's engine for JenkinsRule tests, and removal of what a test started. Whether the test bed
 * is there is {@link io.bluegreen.testbed.RequiresTestBed}'s to decide, on the test class.
 */
public final class TestEngine implements AutoCloseable {
    public final DockerClient docker;
    private final String routerPrefix = TestBed.uniqueName("plugin-router");

    private TestEngine(DockerClient docker) {
        this.docker = docker;
    }

    public static TestEngine open() {
        return new TestEngine(TestBed.docker());
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

    /** Removes the app's containers (and the lock) and this test's routers. */
    public void removeApp(String app) {
        List<Container> leftovers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.bluegreen.app", app)).exec();
        leftovers.forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(routerPrefix)).exec()
                .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }
}
