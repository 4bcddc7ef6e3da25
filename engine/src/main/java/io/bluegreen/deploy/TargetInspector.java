package io.bluegreen.deploy;

import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.targets.Host;
import io.bluegreen.targets.HostConnections;
import io.bluegreen.targets.HostsTarget;
import io.bluegreen.targets.Parallel;
import java.util.List;

/** Reads an app's state on every host of a target at once, for {@code status}, {@code history} and drift; changes nothing. */
public final class TargetInspector {
    private static final int READING_AT_ONCE = 16;

    private final HostsTarget target;
    private final OperatorLog log;

    public TargetInspector(HostsTarget target, OperatorLog log) {
        this.target = target;
        this.log = log;
    }

    /** {@code router} says where the live colour is recorded; each host's router is reached at that host's address. */
    public TargetStatus status(String app, RouterSettings router) {
        try (HostConnections connections = HostConnections.open(target, log)) {
            List<TargetStatus.HostStatus> hosts = Parallel.each(target.hosts(), READING_AT_ONCE, host -> connections.reached(host)
                    ? read(host, app, connections, router.reachedAt(host.address()))
                    : new TargetStatus.HostStatus(host.name(), null, connections.unreachable().get(host).getMessage()));
            return new TargetStatus(app, hosts);
        }
    }

    /** A host whose engine answers but whose router does not (still starting, say) is reported, not fatal to the whole status. */
    private static TargetStatus.HostStatus read(Host host, String app, HostConnections connections,
                                                RouterSettings router) {
        try {
            return new TargetStatus.HostStatus(host.name(), new AppInspector(connections.client(host)).status(app, router), null);
        } catch (RuntimeException e) {
            return new TargetStatus.HostStatus(host.name(), null, "could not be read: " + e.getMessage());
        }
    }
}
