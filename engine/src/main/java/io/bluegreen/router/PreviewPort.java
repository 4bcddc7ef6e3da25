package io.bluegreen.router;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import io.bluegreen.clock.Pause;
import io.bluegreen.log.ContainerLogTail;
import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A waiting colour's preview on a host port of its own, for a person or a test suite that cannot set a Host
 * header: a small nginx container, made from the router's image beside the router, that passes requests carrying
 * the preview key to the colour's first container and answers 404 to the rest, so a port that strangers reach
 * shows them nothing unreleased. It lives as long as the colour waits: the router's {@code closePreviews},
 * which promote and abort call, removes it.
 */
final class PreviewPort {
    private static final String ROLE = "preview-port";
    private static final Duration LISTEN_DEADLINE = Duration.ofSeconds(10);
    /** A line of /proc/net/tcp for a socket listening (state 0A) on port 80 (0050) of any address. */
    private static final String LISTENING_ON_80 = ":0050 00000000:0000 0A";

    private PreviewPort() {
    }

    static String containerName(RouterSettings router, String app) {
        return router.name() + "-preview-" + app;
    }

    /** Refuses a host port another container publishes (this app's own preview from before excepted), before anything changes. */
    static void requireFree(DockerClient docker, RouterSettings router, String app, int port) {
        String ours = "/" + containerName(router, app);
        for (Container container : PublishedPorts.publishers(docker, port)) {
            InvalidInputException.require(List.of(container.getNames()).contains(ours), "promotion.previewPort",
                    "host port " + port + " is already taken by container " + String.join(",", container.getNames()),
                    "choose a free port for the preview");
        }
    }

    static void open(DockerClient docker, RouterSettings router, String app, String containerName, int containerPort,
                     String key, String address, int port) {
        close(docker, router, app);
        String network = docker.inspectContainerCmd(containerName).exec().getNetworkSettings().getNetworks().keySet()
                .iterator().next();
        String id = docker.createContainerCmd(router.image())
                .withName(containerName(router, app))
                .withCmd("nginx", "-c", NginxConfig.DIRECTORY + "/preview-port.conf", "-g", "daemon off;")
                .withLabels(Map.of("io.bluegreen.role", ROLE, "io.bluegreen.app", app))
                .withExposedPorts(ExposedPort.tcp(80))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network)
                        .withPortBindings(PortBinding.parse(address + ":" + port + ":80")))
                .exec().getId();
        new ContainerFiles(docker, id).write("/", Map.of(NginxConfig.DIRECTORY.substring(1) + "/preview-port.conf",
                NginxConfig.previewPort(containerName, containerPort, key)));
        try {
            docker.startContainerCmd(id).exec();
        } catch (DockerException e) {
            close(docker, router, app);
            throw new InvalidInputException("promotion.previewPort", "the preview could not be published on " + address + ":"
                    + port + " (" + e.getMessage().strip() + ")", "choose a free port and address of the host for the preview");
        }
        awaitListening(docker, router, app, id);
    }

    /**
     * Returns once nginx in the container listens: the engine starts it before nginx is up, and a client told of the
     * preview at once would have its connection reset. Asked inside the container, because the port may be on an
     * address this machine cannot reach (127.0.0.1 of a remote host).
     */
    private static void awaitListening(DockerClient docker, RouterSettings router, String app, String id) {
        long deadline = System.nanoTime() + LISTEN_DEADLINE.toNanos();
        while (true) {
            try {
                if (ContainerExec.run(docker, id, "grep", "-q", LISTENING_ON_80, "/proc/net/tcp").succeeded()) {
                    return;
                }
            } catch (DockerException exited) {
                // nginx refused its configuration and the container stopped: its log below says why
            }
            if (System.nanoTime() > deadline) {
                String logTail = ContainerLogTail.of(docker, id);
                close(docker, router, app);
                throw new IllegalStateException("the preview of " + app + " did not start listening within "
                        + LISTEN_DEADLINE.toSeconds() + " s\n" + logTail);
            }
            Pause.of(Duration.ofMillis(50));
        }
    }

    static void close(DockerClient docker, RouterSettings router, String app) {
        try {
            docker.removeContainerCmd(containerName(router, app)).withForce(true).exec();
        } catch (NotFoundException nothingOpen) {
            // no preview port was asked for, or it is gone already
        }
    }
}
