package io.bluegreen.health;

import java.util.Map;

/**
 * One container to be proven healthy, and where an HTTP probe reaches it from this process:
 * an address and port plus the Host header that makes the router forward to exactly this container,
 * and any header the router asks for (the deploy's preview key).
 */
public record HealthTarget(String containerId, String containerName, String address, int port, String host,
                           Map<String, String> headers) {

    public HealthTarget {
        headers = Map.copyOf(headers);
    }

    public HealthTarget(String containerId, String containerName, String address, int port, String host) {
        this(containerId, containerName, address, port, host, Map.of());
    }
}
