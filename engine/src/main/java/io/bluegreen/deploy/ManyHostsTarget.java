package io.bluegreen.deploy;

import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.targets.Host;
import io.bluegreen.targets.HostConnections;
import io.bluegreen.targets.HostsTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A target of many hosts: changes go over them in the plan's waves ({@link WaveDeploy}), a colour waits for
 * promotion on every host at once and is promoted in waves, and reading asks every host at once
 * ({@link TargetInspector}). Connections are opened per verb, so a host that comes back between two verbs
 * is simply reached again.
 */
public final class ManyHostsTarget implements Target {
    private final String label;
    private final HostsTarget hosts;
    private final OperatorLog log;
    private final WaveDeploy waves;

    public ManyHostsTarget(String label, HostsTarget hosts, RolloutPlan plan, OperatorLog log) {
        this.label = label;
        this.hosts = hosts;
        this.log = log;
        this.waves = new WaveDeploy(hosts, plan, log);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public ManyHostsTarget withListener(DeployListener listener) {
        waves.withListener(listener);
        return this;
    }

    @Override
    public ManyHostsTarget pullingWith(RegistryCredentials credentials) {
        waves.withRegistryCredentials(credentials);
        return this;
    }

    @Override
    public RolloutResult deploy(DeploySpec spec) {
        return waves.deploy(spec);
    }

    @Override
    public RolloutResult deploySameAs(LiveImage tested, DeploySpec spec) {
        return waves.deploy(tested.deployedBy(spec));
    }

    @Override
    public RolloutResult rollback(DeploySpec spec) {
        return waves.rollback(spec);
    }

    /**
     * The image every host runs live, when they all run the same digest healthy: a target half-way through
     * a rollout, or with a host that cannot be read, has no one image to promote.
     */
    @Override
    public LiveImage liveImage(String app, RouterSettings router) {
        try (HostConnections connections = HostConnections.open(hosts, log)) {
            if (!connections.unreachable().isEmpty()) {
                throw LiveImage.refused(label, app, "cannot reach " + connections.unreachable().keySet().stream()
                        .map(Host::name).collect(Collectors.joining(", ")), "promote once every host answers");
            }
            Map<Host, LiveImage> live = new LinkedHashMap<>();
            hosts.hosts().forEach(host -> live.put(host, LiveImage.of(connections.client(host), label + " (" + host + ")", app,
                    router.reachedAt(host.address()))));
            if (live.values().stream().map(LiveImage::digest).distinct().count() > 1) {
                throw LiveImage.refused(label, app, "its hosts run different images live: " + live.entrySet().stream()
                        .map(e -> e.getKey() + " commit " + e.getValue().commit() + " " + e.getValue().digest())
                        .collect(Collectors.joining(", ")), "finish or roll back the rollout there, then promote");
            }
            return live.values().iterator().next();
        }
    }

    @Override
    public TargetStatus status(String app, RouterSettings router) {
        return new TargetInspector(hosts, log).status(app, router);
    }

    @Override
    public Optional<WaitingColour> awaiting(String app, RouterSettings router) {
        return waves.awaiting(app, router);
    }

    @Override
    public String preview(WaitingColour waiting, RouterSettings router) {
        return waves.preview(waiting, router);
    }

    @Override
    public WaitingColour deployWithoutSwitch(DeploySpec spec, PromotionTerms terms) {
        return waves.deployWithoutSwitch(spec, terms);
    }

    @Override
    public boolean awaitDecision(DeploySpec spec, WaitingColour waiting) {
        return waves.awaitDecision(spec, waiting);
    }

    @Override
    public RolloutResult promote(DeploySpec spec) {
        return waves.promote(spec);
    }

    @Override
    public void abort(DeploySpec spec) {
        waves.abort(spec);
    }

    /** The hosts that answer; one that does not is named in the log, to be asked again when it is back. */
    @Override
    public Map<String, String> lockHolders(String app) {
        try (HostConnections connections = HostConnections.open(hosts, log)) {
            warnUnreached(connections, app);
            Map<String, String> holders = new LinkedHashMap<>();
            hosts.hosts().stream().filter(connections::reached).forEach(host -> DeployLock.holder(connections.client(host), app)
                    .ifPresent(holder -> holders.put(host.name(), EngineLock.describe(holder))));
            return holders;
        }
    }

    @Override
    public List<String> forceUnlock(String app) {
        try (HostConnections connections = HostConnections.open(hosts, log)) {
            warnUnreached(connections, app);
            return hosts.hosts().stream().filter(connections::reached)
                    .filter(host -> DeployLock.forceUnlock(connections.client(host), app)).map(Host::name).toList();
        }
    }

    private void warnUnreached(HostConnections connections, String app) {
        connections.unreachable().forEach((host, why) -> log.warn("[" + app + "] " + host + " was not asked about its lock: "
                + why.getMessage()));
    }

    @Override
    public void close() {
        // each verb opens and closes its own connections
    }
}
