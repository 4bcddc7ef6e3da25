package io.bluegreen.router;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import java.util.Arrays;
import java.util.List;

/** Which containers of an engine publish a host port: how a deploy tells a port it may take from one that is taken. */
public final class PublishedPorts {
    private PublishedPorts() {
    }

    /** The running containers publishing {@code hostPort}, on any address; a created, never started one publishes nothing. */
    public static List<Container> publishers(DockerClient docker, int hostPort) {
        return docker.listContainersCmd().exec().stream().filter(container -> {
            ContainerPort[] ports = container.getPorts();
            return ports != null && Arrays.stream(ports).anyMatch(port -> {
                Integer published = port.getPublicPort();
                return published != null && published == hostPort;
            });
        }).toList();
    }
}
