package io.bluegreen.health;

/**
 * One container to be proven healthy, and where an HTTP probe reaches it from this process:
 * an address and port plus the Host header that makes the router forward to exactly this container.
 */
public record HealthTarget(String containerId, String containerName, String address, int port, String host) {
}
