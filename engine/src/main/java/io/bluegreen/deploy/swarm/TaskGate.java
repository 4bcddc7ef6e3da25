package io.bluegreen.deploy.swarm;

import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.bluegreen.clock.Pause;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides health from the Swarm's own task states, never by reaching containers behind its back:
 * a task whose desired and actual state are both running has passed its health check (Docker holds
 * a task with a health check in "starting" until its first healthy result). The first task that
 * fails or is rejected ends the wait with the Swarm's own error, so a bad image fails fast.
 */
final class TaskGate {
    private static final Set<TaskState> FAILED = Set.of(TaskState.FAILED, TaskState.REJECTED);

    private final SwarmServices services;

    TaskGate(SwarmServices services) {
        this.services = services;
    }

    List<Task> awaitRunning(String serviceName, int replicas, Duration interval, Duration deadline) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (true) {
            List<Task> tasks = services.tasks(serviceName);
            List<Task> running = tasks.stream().filter(TaskGate::runs).toList();
            if (running.size() >= replicas) {
                return running;
            }
            List<Task> failed = tasks.stream().filter(task -> FAILED.contains(task.getStatus().getState())).toList();
            if (!failed.isEmpty()) {
                throw new IllegalStateException(serviceName + ": " + failed.size() + " task(s) failed: " + describe(failed));
            }
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException(serviceName + ": " + running.size() + " of " + replicas
                        + " tasks running and healthy after " + deadline.toSeconds() + " s: " + describe(tasks));
            }
            Pause.of(interval);
        }
    }

    static boolean runs(Task task) {
        return task.getDesiredState() == TaskState.RUNNING && task.getStatus().getState() == TaskState.RUNNING;
    }

    private String describe(List<Task> tasks) {
        Map<String, String> nodes = services.nodeNames();
        return tasks.stream().map(task -> "task " + task.getSlot() + " on " + nodes.getOrDefault(task.getNodeId(), "(unplaced)")
                        + " " + task.getStatus().getState().getValue()
                        + (task.getStatus().getErr() == null ? "" : " (" + task.getStatus().getErr() + ")"))
                .collect(Collectors.joining("; "));
    }
}
