package io.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.model.Container;
import io.bluegreen.clock.Pause;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.router.Router;
import io.bluegreen.router.RouterSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads an app's state for {@code status} and {@code history}, and watches a waiting colour; changes nothing. */
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

    /**
     * Waits until another process promotes or aborts {@code waiting}: whether it went live. Empty when its
     * deadline passed undecided, for the caller to apply its terms.
     */
    public Optional<Boolean> awaitDecision(RouterSettings routerSettings, WaitingColour waiting, OperatorLog log) {
        AppContainers containers = new AppContainers(docker, waiting.app());
        Router router = routerSettings.open(docker, log);
        while (!waiting.pastDeadline(Instant.now())) {
            Optional<Colour> live = router.liveColour(waiting.app());
            if (WaitingColour.find(containers, live).filter(still -> still.deployId().equals(waiting.deployId())).isEmpty()) {
                boolean promoted = live.equals(Optional.of(waiting.colour())) && containers.of(waiting.colour()).stream()
                        .anyMatch(c -> waiting.deployId().equals(c.getLabels().get(DeployLabels.DEPLOY_ID)));
                log.line("[" + waiting.app() + "] " + waiting.colour() + " was " + (promoted ? "promoted" : "aborted")
                        + " by another process");
                return Optional.of(promoted);
            }
            Pause.of(Duration.ofMillis(Math.min(1000, Math.max(1, Duration.between(Instant.now(), waiting.deadline()).toMillis()))));
        }
        log.line("[" + waiting.app() + "] " + waiting.colour() + " reached its deadline " + waiting.deadline() + " undecided: "
                + waiting.terms().atDeadline().label());
        return Optional.empty();
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
