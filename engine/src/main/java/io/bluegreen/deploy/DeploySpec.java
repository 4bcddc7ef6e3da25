package io.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.RestartPolicy;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.image.ImageReference;
import io.bluegreen.router.Colour;
import io.bluegreen.router.PublishedPorts;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one deploy of one app needs, built command-style ({@code DeploySpec.of("shop-web",
 * image).withContainerPort(8080).withHealth(HealthCheckSpec.http("/health"))...}) and checked by
 * {@link #validate(DockerClient)} before anything on the engine changes.
 */
public final class DeploySpec {
    public static final String APP_GRAMMAR = "[a-z0-9][a-z0-9-]{0,62}";
    public static final String DEFAULT_NETWORK = "bluegreen";
    /**
     * The default on a Swarm. Not {@link #DEFAULT_NETWORK}: a single-host deploy on the manager makes
     * that one as a bridge network, which Swarm services cannot join.
     */
    public static final String DEFAULT_SWARM_NETWORK = "bluegreen-swarm";

    private final String app;
    private String image;
    private int containerPort = 80;
    private final List<String> env = new ArrayList<>();
    private final List<String> binds = new ArrayList<>();
    /** Null until given: the default depends on the target. */
    private String network;
    private int replicas = 1;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String restartPolicy = "unless-stopped";
    private Long memoryBytes;
    private Double cpus;
    private HealthCheckSpec health = HealthCheckSpec.http("/");
    private Duration drainTimeout = Duration.ofSeconds(30);
    private Duration stopTimeout = Duration.ofSeconds(10);
    private Duration lockWait = Duration.ofSeconds(60);
    private int keep = 1;
    private boolean pruneImages = true;
    private boolean standby;
    private String commit;
    private RouterSettings router = RouterSettings.nginx();

    private DeploySpec(String app, String image) {
        this.app = app;
        this.image = image;
    }

    public static DeploySpec of(String app, String image) {
        return new DeploySpec(app, image);
    }

    /** For a rollback: the image comes from what the engine kept, not from the caller. */
    public static DeploySpec forRollback(String app) {
        return new DeploySpec(app, null);
    }

    public DeploySpec withImage(String image) {
        this.image = image;
        return this;
    }

    public DeploySpec withContainerPort(int containerPort) {
        this.containerPort = containerPort;
        return this;
    }

    /** {@code KEY=VALUE}. */
    public DeploySpec withEnv(String... entries) {
        env.addAll(List.of(entries));
        return this;
    }

    /** {@code /host/path:/container/path[:ro]} or {@code volume-name:/container/path}. */
    public DeploySpec withBinds(String... entries) {
        binds.addAll(List.of(entries));
        return this;
    }

    /**
     * The network the colours and the router share, created when absent: a user-defined bridge on one
     * engine, an overlay on a Swarm. Null: the target's default.
     */
    public DeploySpec withNetwork(String network) {
        this.network = network;
        return this;
    }

    public DeploySpec withReplicas(int replicas) {
        this.replicas = replicas;
        return this;
    }

    public DeploySpec withLabel(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /** Docker's syntax: no, always, unless-stopped, on-failure[:N]. */
    public DeploySpec withRestartPolicy(String restartPolicy) {
        this.restartPolicy = restartPolicy;
        return this;
    }

    public DeploySpec withMemoryBytes(long memoryBytes) {
        this.memoryBytes = memoryBytes;
        return this;
    }

    public DeploySpec withCpus(double cpus) {
        this.cpus = cpus;
        return this;
    }

    public DeploySpec withHealth(HealthCheckSpec health) {
        this.health = health;
        return this;
    }

    /**
     * The longest the old colour keeps running after the switch for requests routed to it to finish
     * (30 s by default, as kamal-proxy's). The router counts them, so an idle app stops at once; what
     * still runs at the timeout is ended when the old colour stops. Zero: don't wait.
     */
    public DeploySpec withDrainTimeout(Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
        return this;
    }

    public DeploySpec withStopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        return this;
    }

    /** How long to wait for another deploy of the same app to finish before giving up. */
    public DeploySpec withLockWait(Duration lockWait) {
        this.lockWait = lockWait;
        return this;
    }

    /**
     * Previous colours kept (stopped) for rollback: 1 (default) or 0. There are only two colours, so
     * older versions live in the registry, not on the engine.
     */
    public DeploySpec withKeep(int keep) {
        this.keep = keep;
        return this;
    }

    /** Whether prune also removes the images of removed colours when no container uses them any more. */
    public DeploySpec withPruneImages(boolean pruneImages) {
        this.pruneImages = pruneImages;
        return this;
    }

    /** Leave the previous colour running after the drain, so a rollback is a pure switch. */
    public DeploySpec withStandby(boolean standby) {
        this.standby = standby;
        return this;
    }

    /** Overrides the commit read from the image's org.opencontainers.image.revision label. */
    public DeploySpec withCommit(String commit) {
        this.commit = commit;
        return this;
    }

    public DeploySpec withRouter(RouterSettings router) {
        this.router = router;
        return this;
    }

    /** This spec on one host of many: a copy whose router is reached at that host's address (see {@link RouterSettings#reachedAt}). */
    public DeploySpec reachedAt(String address) {
        DeploySpec copy = new DeploySpec(app, image);
        copy.containerPort = containerPort;
        copy.env.addAll(env);
        copy.binds.addAll(binds);
        copy.network = network;
        copy.replicas = replicas;
        copy.labels.putAll(labels);
        copy.restartPolicy = restartPolicy;
        copy.memoryBytes = memoryBytes;
        copy.cpus = cpus;
        copy.health = health;
        copy.drainTimeout = drainTimeout;
        copy.stopTimeout = stopTimeout;
        copy.lockWait = lockWait;
        copy.keep = keep;
        copy.pruneImages = pruneImages;
        copy.standby = standby;
        copy.commit = commit;
        copy.router = router.reachedAt(address);
        return copy;
    }

    public String app() {
        return app;
    }

    public String image() {
        return image;
    }

    public int containerPort() {
        return containerPort;
    }

    public List<String> env() {
        return List.copyOf(env);
    }

    public List<Bind> binds() {
        return binds.stream().map(Bind::parse).toList();
    }

    /** The network on one engine: as given, or {@link #DEFAULT_NETWORK}. */
    public String network() {
        return network == null ? DEFAULT_NETWORK : network;
    }

    /** The network on a Swarm: as given, or {@link #DEFAULT_SWARM_NETWORK}. */
    public String swarmNetwork() {
        return network == null ? DEFAULT_SWARM_NETWORK : network;
    }

    public int replicas() {
        return replicas;
    }

    public Map<String, String> labels() {
        return Map.copyOf(labels);
    }

    public RestartPolicy restartPolicy() {
        return RestartPolicy.parse(restartPolicy);
    }

    public Long memoryBytes() {
        return memoryBytes;
    }

    public Long nanoCpus() {
        return cpus == null ? null : Math.round(cpus * 1e9);
    }

    public HealthCheckSpec health() {
        return health;
    }

    public Duration drainTimeout() {
        return drainTimeout;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    public Duration lockWait() {
        return lockWait;
    }

    public int keep() {
        return keep;
    }

    public boolean pruneImages() {
        return pruneImages;
    }

    public boolean standby() {
        return standby;
    }

    public String commit() {
        return commit;
    }

    public RouterSettings router() {
        return router;
    }

    /** Refuses bad input naming the field, before anything on the engine changes. */
    public void validate(DockerClient docker) {
        validateSettings();
        InvalidInputException.require(image != null && !image.isBlank(), "image", "no image was given",
                "give the image to deploy, e.g. registry.example.com/shop/web:1a2b3c4");
        DeployPreflight.requireImage(docker, image, "image");
        validateAgainstEngine(docker);
    }

    /** The checks a rollback needs too (it takes its image from the engine). */
    public void validateWithoutImage(DockerClient docker) {
        validateSettings();
        validateAgainstEngine(docker);
    }

    /** What is taken on the engine: host ports, container names, and the router's image when it is still to be made. */
    private void validateAgainstEngine(DockerClient docker) {
        for (int hostPort : router.hostPorts()) {
            requirePortFree(docker, hostPort);
        }
        DeployPreflight.requireNamesFree(docker, this);
        DeployPreflight.requireRouterImage(docker, this);
    }

    /**
     * The checks that need no engine: grammar and ranges of every field. A target that is not one
     * engine (a Swarm) adds its own checks of what is taken.
     */
    public void validateSettings() {
        InvalidInputException.require(app != null && app.matches(APP_GRAMMAR), "app",
                "'" + app + "' is not an app name", "use lower-case letters, digits and '-', starting with a letter or digit, at most 63");
        if (image != null) {
            ImageReference.parse(image, "image");
        }
        InvalidInputException.require(containerPort >= 1 && containerPort <= 65535, "containerPort",
                containerPort + " is not a TCP port", "give the port the app listens on inside the container, 1-65535");
        InvalidInputException.require(replicas >= 1 && replicas <= 20, "replicas",
                replicas + " is out of range", "give 1 to 20 containers per colour");
        InvalidInputException.require(router.isNginx() || replicas == 1, "replicas",
                "fixed-port routing publishes one host port per colour, so it runs one container per colour",
                "use replicas 1, or the nginx router");
        InvalidInputException.require(network == null || network.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*"), "network",
                "'" + network + "' is not a network name", "use letters, digits, '-', '_' and '.'");
        for (String entry : env) {
            InvalidInputException.require(entry.matches("[A-Za-z_][A-Za-z0-9_]*=.*"), "env",
                    "'" + entry.split("=", 2)[0] + "' is not KEY=VALUE", "write NAME=value");
        }
        for (String entry : binds) {
            try {
                Bind.parse(entry);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("binds", "'" + entry + "' is not a bind", "write /host/path:/container/path[:ro]");
            }
        }
        try {
            restartPolicy();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("restartPolicy", "'" + restartPolicy + "' is unknown",
                    "use no, always, unless-stopped or on-failure[:N]");
        }
        InvalidInputException.require(keep == 0 || keep == 1, "keep", keep + " previous colours cannot be kept",
                "give 1 (keep the previous colour stopped for rollback) or 0");
        InvalidInputException.require(!drainTimeout.isNegative(), "drainTimeout", drainTimeout.toSeconds() + " s is negative",
                "give the longest wait for requests to finish, e.g. 30 s, or 0 not to wait");
        InvalidInputException.require(cpus == null || cpus > 0, "cpus", cpus + " is not positive", "give e.g. 0.5");
        InvalidInputException.require(memoryBytes == null || memoryBytes >= 6 * 1024 * 1024, "memory",
                memoryBytes + " bytes is below Docker's minimum of 6 MB", "give e.g. 256m");
        health.validate();
        router.validate();
    }

    /**
     * A host port is ours when the router (or, in fixed-port mode, this app) already publishes it;
     * taken when another container publishes it, or when something that is not a container answers there.
     */
    private void requirePortFree(DockerClient docker, int hostPort) {
        String field = router.isNginx() ? "router.port" : "router.colourPorts";
        List<Container> publishers = PublishedPorts.publishers(docker, hostPort);
        for (Container container : publishers) {
            InvalidInputException.require(isOurs(container), field, "host port " + hostPort + " is already taken by container "
                    + String.join(",", container.getNames()), "choose a free port or stop that container");
        }
        if (publishers.isEmpty()) {
            InvalidInputException.require(!answers(router.reachAddress(), hostPort), field,
                    "host port " + hostPort + " is already taken by a process outside Docker",
                    "choose a free port or stop that process");
        }
    }

    private boolean isOurs(Container container) {
        Map<String, String> containerLabels = container.getLabels();
        if (router.isNginx()) {
            return List.of(container.getNames()).contains("/" + router.name());
        }
        return app.equals(containerLabels.get(DeployLabels.APP))
                && Objects.equals(containerLabels.get(DeployLabels.ROLE), DeployLabels.ROLE_APP);
    }

    private static boolean answers(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The container name of replica {@code n} (from 1) of a colour. */
    public String containerName(Colour colour, int n) {
        return app + "-" + colour.label() + "-" + n;
    }
}
