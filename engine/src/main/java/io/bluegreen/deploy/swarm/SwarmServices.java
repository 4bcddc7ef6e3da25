package io.bluegreen.deploy.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.bluegreen.clock.Pause;
import io.bluegreen.log.ContainerLogTail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The manager's services, by name: find, create, scale, remove, and what their tasks are doing. */
final class SwarmServices {
    private final DockerClient manager;

    SwarmServices(DockerClient manager) {
        this.manager = manager;
    }

    /** The service of exactly this name (the API's name filter also matches prefixes). */
    Optional<Service> find(String name) {
        return manager.listServicesCmd().withNameFilter(List.of(name)).exec().stream()
                .filter(service -> name.equals(service.getSpec().getName())).findFirst();
    }

    /** Services whose name starts with {@code prefix}. */
    List<Service> withPrefix(String prefix) {
        return manager.listServicesCmd().withNameFilter(List.of(prefix)).exec().stream()
                .filter(service -> service.getSpec().getName().startsWith(prefix)).toList();
    }

    void create(ServiceSpec spec) {
        manager.createServiceCmd(spec).exec();
    }

    /** Changes only the replica count; the task template stays, so running tasks are not replaced. */
    void scale(Service service, int replicas) {
        ServiceSpec spec = service.getSpec().withMode(ColourServiceSpec.replicas(replicas));
        manager.updateServiceCmd(service.getId(), spec).withVersion(service.getVersion().getIndex()).exec();
    }

    void update(Service service, ServiceSpec spec) {
        manager.updateServiceCmd(service.getId(), spec).withVersion(service.getVersion().getIndex()).exec();
    }

    void remove(String name) {
        find(name).ifPresent(service -> {
            try {
                manager.removeServiceCmd(service.getId()).exec();
            } catch (NotFoundException alreadyGone) {
                // removed by someone else meanwhile: what we wanted
            }
        });
    }

    List<Task> tasks(String serviceName) {
        return manager.listTasksCmd().withServiceFilter(serviceName).exec();
    }

    /** Waits until no task of the service runs any more (a scale to 0 or a removal stops them gracefully). */
    void awaitStopped(String serviceName, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (tasks(serviceName).stream().anyMatch(task -> task.getStatus().getState() == TaskState.RUNNING)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("tasks of " + serviceName + " still run after " + patience.toSeconds() + " s");
            }
            Pause.of(Duration.ofMillis(200));
        }
    }

    /** Node id to hostname, for messages and for telling where tasks landed. */
    Map<String, String> nodeNames() {
        return manager.listSwarmNodesCmd().exec().stream()
                .collect(Collectors.toMap(SwarmNode::getId, node -> node.getDescription().getHostname()));
    }

    /** The addresses the nodes' published ports answer on, as the Swarm knows them. */
    List<String> nodeAddresses() {
        return manager.listSwarmNodesCmd().exec().stream().map(node -> node.getStatus().getAddress()).sorted().toList();
    }

    /** The last lines the service's tasks printed, gathered by the manager from every node. */
    String logTail(String serviceName) {
        return ContainerLogTail.of(serviceName, lines -> manager.logServiceCmd(serviceName).withStdout(true)
                .withStderr(true).withTail(ContainerLogTail.LINES).exec(lines));
    }
}
