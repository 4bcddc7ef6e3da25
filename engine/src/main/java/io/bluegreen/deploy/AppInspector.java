package io.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.model.Container;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.router.RouterSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads an app's state for {@code status} and {@code history}; changes nothing. */
public final class AppInspector {
    private final DockerClient docker;

    public AppInspector(DockerClient docker) {
        this.docker = docker;
    }

    public AppStatus status(String app, RouterSettings router) {
        List<ContainerStatus> containers = new AppContainers(docker, app).all().stream().map(this::describe).toList();
        return new AppStatus(app, router.open(docker, OperatorLog.silent()).liveColour(app), containers,
                DeployLock.holder(docker, app).map(EngineLock::describe));
    }

    /** The colour awaiting promotion, when one does. */
    public Optional<WaitingColour> awaiting(String app, RouterSettings router) {
        return WaitingColour.find(new AppContainers(docker, app), router.open(docker, OperatorLog.silent()).liveColour(app));
    }

    private ContainerStatus describe(Container container) {
        Map<String, String> labels = container.getLabels();
        ContainerState state = docker.inspectContainerCmd(container.getId()).exec().getState();
        String health = state.getHealth() != null ? state.getHealth().getStatus()
                : Boolean.TRUE.equals(state.getRunning()) ? "running, no HEALTHCHECK" : "exited " + state.getExitCodeLong();
        return new ContainerStatus(AppContainers.name(container), Colour.fromLabel(labels.get(DeployLabels.COLOUR)),
                container.getState(), health, labels.get(DeployLabels.IMAGE), labels.get(DeployLabels.COMMIT),
                labels.get(DeployLabels.DIGEST), labels.get(DeployLabels.DEPLOY_ID), labels.get(DeployLabels.DEPLOYED_AT));
    }
}
