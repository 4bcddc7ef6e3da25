package io.bluegreen.health;

/** A container did not become healthy: it exited, reported unhealthy, or the deadline passed. */
public class UnhealthyException extends RuntimeException {
    private final String containerName;

    public UnhealthyException(String containerName, String reason) {
        super(containerName + " " + reason);
        this.containerName = containerName;
    }

    public String containerName() {
        return containerName;
    }
}
