package io.bluegreen.targets;

/** The engine did not answer a ping in time; nothing was changed on it. */
public class EngineUnreachableException extends RuntimeException {
    private final EngineEndpoint endpoint;

    public EngineUnreachableException(EngineEndpoint endpoint, String reason, Throwable cause) {
        super("Docker engine " + endpoint.label() + " is unreachable: " + reason
                + " (fix: check that dockerd listens on " + endpoint.uri() + ", the firewall, and the TLS material)", cause);
        this.endpoint = endpoint;
    }

    public EngineEndpoint endpoint() {
        return endpoint;
    }
}
