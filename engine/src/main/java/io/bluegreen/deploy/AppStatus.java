package io.bluegreen.deploy;

import io.bluegreen.router.Colour;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live state of an app on one engine, from the engine alone: which colour the router sends
 * traffic to, every container with its labels and health, and who holds the deploy lock.
 */
public record AppStatus(String app, Optional<Colour> live, List<ContainerStatus> containers,
                        Optional<String> lockHolder) {

    /** The deploys still on the engine, newest first: one entry per deploy id. */
    public List<ContainerStatus> history() {
        Map<String, ContainerStatus> byDeploy = new LinkedHashMap<>();
        containers.stream()
                .sorted(Comparator.comparing(ContainerStatus::deployedAt).reversed())
                .forEach(container -> byDeploy.putIfAbsent(container.deployId(), container));
        return List.copyOf(byDeploy.values());
    }

    public List<ContainerStatus> liveContainers() {
        return containers.stream().filter(c -> live.isPresent() && c.colour() == live.get()).toList();
    }
}
