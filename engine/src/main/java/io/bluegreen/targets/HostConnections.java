package io.bluegreen.targets;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.log.OperatorLog;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One engine connection per host of a target, opened all at once so that dead hosts cost one ping
 * deadline in total, not one each. Hosts that did not answer are kept with the reason, never dropped.
 */
public final class HostConnections implements AutoCloseable {
    private static final int CONNECTING_AT_ONCE = 16;

    private final Map<Host, DockerClient> reached = new LinkedHashMap<>();
    private final Map<Host, EngineUnreachableException> unreachable = new LinkedHashMap<>();

    private HostConnections() {
    }

    public static HostConnections open(HostsTarget target, OperatorLog log) {
        HostConnections connections = new HostConnections();
        List<Host> hosts = target.hosts();
        List<Attempt> attempts = Parallel.each(hosts, CONNECTING_AT_ONCE, host -> {
            try {
                return new Attempt(host, EngineConnector.connect(host.engine(), log), null);
            } catch (EngineUnreachableException e) {
                return new Attempt(host, null, e);
            }
        });
        for (Attempt attempt : attempts) {
            if (attempt.docker() != null) {
                connections.reached.put(attempt.host(), attempt.docker());
            } else {
                connections.unreachable.put(attempt.host(), attempt.failure());
            }
        }
        return connections;
    }

    private record Attempt(Host host, DockerClient docker, EngineUnreachableException failure) {
    }

    public DockerClient client(Host host) {
        DockerClient docker = reached.get(host);
        if (docker == null) {
            throw new IllegalArgumentException(host + " was not reached");
        }
        return docker;
    }

    public boolean reached(Host host) {
        return reached.containsKey(host);
    }

    public Map<Host, EngineUnreachableException> unreachable() {
        return Map.copyOf(unreachable);
    }

    /** Asks again, within the ping deadline: a host can go away after it was first reached. */
    public Optional<EngineUnreachableException> stillUnreachable(Host host) {
        try {
            EngineConnector.ping(host.engine());
            return Optional.empty();
        } catch (EngineUnreachableException e) {
            return Optional.of(e);
        }
    }

    @Override
    public void close() {
        for (DockerClient docker : reached.values()) {
            try {
                docker.close();
            } catch (IOException e) {
                // the connection pool of an engine that went away; nothing left to release
            }
        }
    }
}
