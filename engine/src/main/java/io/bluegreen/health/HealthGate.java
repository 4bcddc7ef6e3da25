package io.bluegreen.health;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import io.bluegreen.clock.Pause;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until every target is healthy. Each round first asks the engine whether the container is
 * still running, so an app that dies at start fails the deploy at once instead of after the deadline.
 */
public final class HealthGate {
    private final DockerClient docker;
    private final HealthCheckSpec spec;

    public HealthGate(DockerClient docker, HealthCheckSpec spec) {
        this.docker = docker;
        this.spec = spec;
    }

    public void awaitHealthy(List<HealthTarget> targets) {
        long deadline = System.nanoTime() + spec.deadline().toNanos();
        List<HealthTarget> waiting = new ArrayList<>(targets);
        String lastProblem = "was never probed";
        while (true) {
            for (var iterator = waiting.iterator(); iterator.hasNext(); ) {
                HealthTarget target = iterator.next();
                String problem = problem(target);
                if (problem == null) {
                    iterator.remove();
                } else {
                    lastProblem = problem;
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new UnhealthyException(waiting.get(0).containerName(),
                        "was not healthy within " + spec.deadline().toMillis() + " ms (" + spec + "): " + lastProblem);
            }
            Pause.of(spec.interval());
        }
    }

    /** Null when healthy, a reason otherwise; throws when waiting longer cannot help. */
    private String problem(HealthTarget target) {
        ContainerState state = docker.inspectContainerCmd(target.containerId()).exec().getState();
        if (!Boolean.TRUE.equals(state.getRunning()) || Boolean.TRUE.equals(state.getRestarting())) {
            throw new UnhealthyException(target.containerName(),
                    "is not running (status " + state.getStatus() + ", exit code " + state.getExitCodeLong() + ")");
        }
        return spec.usesDockerHealthcheck() ? dockerHealthProblem(target, state) : httpProblem(target);
    }

    private String dockerHealthProblem(HealthTarget target, ContainerState state) {
        if (state.getHealth() == null) {
            throw new UnhealthyException(target.containerName(),
                    "has no Docker HEALTHCHECK; give an HTTP health path instead");
        }
        String status = state.getHealth().getStatus();
        if ("unhealthy".equals(status)) {
            throw new UnhealthyException(target.containerName(), "reports unhealthy (Docker HEALTHCHECK)");
        }
        return "healthy".equals(status) ? null : "HEALTHCHECK status " + status;
    }

    private String httpProblem(HealthTarget target) {
        try {
            HttpAnswer answer = PlainHttp.get(target.address(), target.port(), target.host(), target.headers(), spec.path(),
                    spec.timeout());
            return spec.acceptedStatuses().contains(answer.status()) ? null
                    : "GET " + spec.path() + " answered " + answer.status();
        } catch (IOException e) {
            return "GET " + spec.path() + " failed: " + e;
        }
    }

}
