package io.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import io.bluegreen.router.Colour;
import io.bluegreen.router.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The containers of one app on one engine, found and made by their labels. */
final class AppContainers {
    private static final String PARKED = "-parked";

    private final DockerClient docker;
    private final String app;

    AppContainers(DockerClient docker, String app) {
        this.docker = docker;
        this.app = app;
    }

    /** The app's containers, without those parked by a deploy under way ({@link #park}). */
    List<Container> all() {
        return labelled().stream().filter(c -> !name(c).endsWith(PARKED)).toList();
    }

    /** Containers a deploy parked and did not get to put back or remove, because its process ended first. */
    List<Container> parked() {
        return labelled().stream().filter(c -> name(c).endsWith(PARKED)).toList();
    }

    private List<Container> labelled() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DeployLabels.APP, app, DeployLabels.ROLE, DeployLabels.ROLE_APP))
                .exec().stream()
                .sorted(Comparator.comparing(AppContainers::name))
                .toList();
    }

    /**
     * Moves stopped containers out of their colour's names, so a deploy can make that colour anew while
     * they wait to be put back ({@link #unpark}) if it fails, or removed if it succeeds.
     */
    void park(List<Container> stopped) {
        stopped.forEach(c -> docker.renameContainerCmd(c.getId()).withName(name(c) + PARKED).exec());
    }

    void unpark(List<Container> parked) {
        parked.forEach(c -> docker.renameContainerCmd(c.getId()).withName(name(c)).exec());
    }

    List<Container> of(Colour colour) {
        return all().stream().filter(c -> colour.label().equals(c.getLabels().get(DeployLabels.COLOUR))).toList();
    }

    static String name(Container container) {
        return container.getNames()[0].substring(1);
    }

    static boolean isRunning(Container container) {
        return "running".equals(container.getState());
    }

    void ensureNetwork(String network) {
        if (docker.listNetworksCmd().withNameFilter(network).exec().stream().noneMatch(n -> network.equals(n.getName()))) {
            try {
                docker.createNetworkCmd().withName(network).withDriver("bridge")
                        .withLabels(Map.of(DeployLabels.ROLE, "network")).exec();
            } catch (ConflictException createdMeanwhile) {
                // another deploy created it at the same moment
            }
        }
    }

    /** Creates the colour's replicas, with {@code extraLabels} besides the usual ones; returns their ids in replica order. */
    List<String> create(DeploySpec spec, Colour colour, ImageFacts image, String deployId,
                        Optional<String> previousImage, Router router, Map<String, String> extraLabels) {
        Map<String, String> labels = new HashMap<>(spec.labels());
        labels.putAll(extraLabels);
        labels.put(DeployLabels.APP, app);
        labels.put(DeployLabels.ROLE, DeployLabels.ROLE_APP);
        labels.put(DeployLabels.COLOUR, colour.label());
        labels.put(DeployLabels.COMMIT, image.commit());
        labels.put(DeployLabels.DIGEST, image.digest());
        labels.put(DeployLabels.IMAGE, image.reference());
        labels.put(DeployLabels.DEPLOY_ID, deployId);
        labels.put(DeployLabels.DEPLOYED_AT, Instant.now().toString());
        labels.put(DeployLabels.PORT, Integer.toString(spec.containerPort()));
        previousImage.ifPresent(previous -> labels.put(DeployLabels.PREVIOUS_IMAGE, previous));
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(spec.network())
                .withRestartPolicy(spec.restartPolicy())
                .withBinds(spec.binds())
                .withMemory(spec.memoryBytes())
                .withNanoCPUs(spec.nanoCpus());
        router.hostPort(colour).ifPresent(hostPort -> host.withPortBindings(PortBinding.parse(
                spec.router().publishAddress() + ":" + hostPort + ":" + spec.containerPort())));
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= spec.replicas(); n++) {
            ids.add(docker.createContainerCmd(image.id())
                    .withName(spec.containerName(colour, n))
                    .withEnv(spec.env())
                    .withLabels(labels)
                    .withExposedPorts(ExposedPort.tcp(spec.containerPort()))
                    .withHostConfig(host)
                    .withAliases(app + "-" + colour.label())
                    .exec().getId());
        }
        return ids;
    }

    void start(List<String> ids) {
        for (String id : ids) {
            try {
                docker.startContainerCmd(id).exec();
            } catch (NotModifiedException alreadyRunning) {
                // a kept colour that was never stopped
            }
        }
    }

    void stop(List<Container> containers, int timeoutSeconds) {
        for (Container container : containers) {
            try {
                docker.stopContainerCmd(container.getId()).withTimeout(timeoutSeconds).exec();
            } catch (NotModifiedException | NotFoundException alreadyStopped) {
                // nothing to stop
            }
        }
    }

    void remove(List<String> ids) {
        for (String id : ids) {
            try {
                docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
            } catch (NotFoundException alreadyGone) {
                // removed by an earlier attempt
            }
        }
    }

    /**
     * Removes an image no container uses any more. The engine refuses (409) while any container,
     * of any app, still uses it, which is exactly the protection prune needs.
     */
    boolean removeImageIfUnused(String imageId) {
        try {
            docker.removeImageCmd(imageId).withForce(false).exec();
            return true;
        } catch (ConflictException | NotFoundException stillUsedOrGone) {
            return false;
        }
    }
}
