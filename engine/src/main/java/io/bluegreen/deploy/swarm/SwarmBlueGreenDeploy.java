package io.bluegreen.deploy.swarm;

import static io.bluegreen.deploy.Phase.CREATE;
import static io.bluegreen.deploy.Phase.DRAIN;
import static io.bluegreen.deploy.Phase.HEALTHY;
import static io.bluegreen.deploy.Phase.LOCK;
import static io.bluegreen.deploy.Phase.PRUNE;
import static io.bluegreen.deploy.Phase.START;
import static io.bluegreen.deploy.Phase.STOP;
import static io.bluegreen.deploy.Phase.SWITCH;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.Task;
import io.bluegreen.clock.Pause;
import io.bluegreen.deploy.AppStatus;
import io.bluegreen.deploy.ContainerStatus;
import io.bluegreen.deploy.DeployFailedException;
import io.bluegreen.deploy.DeployLabels;
import io.bluegreen.deploy.DeployListener;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.ImageFacts;
import io.bluegreen.deploy.LiveImage;
import io.bluegreen.deploy.PhaseClock;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.router.DrainReport;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The blue-green deploy with a Docker Swarm as the target, top to bottom. It talks only to a
 * manager; the Swarm places the tasks. Each colour of an app is a service {@code <app>-<colour>}
 * on the app's overlay network, and a global router service publishes the app's port on every node.
 * A deploy:
 * <ol>
 *   <li>lock: creates the service {@code bluegreen-lock-<app>} (atomic on the manager), the overlay
 *       network and the router when absent, and reads the live colour from the marker service;</li>
 *   <li>create: removes whatever sits in the idle colour and creates its service with the new image;</li>
 *   <li>healthy: waits until the Swarm reports every task running, which for a task with a health
 *       check means healthy. A failed task, or the deadline, removes the new service: its tasks'
 *       errors and log tail are in the message, and the live colour was never touched;</li>
 *   <li>switch: moves the marker to the new colour; every node's router follows it, and a request
 *       through each node's published port proves the new colour serves;</li>
 *   <li>drain, stop: the old colour keeps its tasks while in-flight requests finish, then is scaled to
 *       0 (kept for rollback, its labels intact) or removed with {@code keep 0};</li>
 *   <li>prune: removes colour services beyond what is kept.</li>
 * </ol>
 * State lives in the Swarm's service labels and in the marker; nothing is kept locally.
 */
public final class SwarmBlueGreenDeploy {
    private static final DateTimeFormatter DEPLOY_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Duration STOP_SLACK = Duration.ofSeconds(30);

    private final DockerClient manager;
    private final OperatorLog log;
    private final SwarmServices services;
    private final TaskGate gate;
    private final List<DeployListener> listeners = new CopyOnWriteArrayList<>();

    /** {@code manager}: a client of a Swarm manager's engine, e.g. from {@code EngineConnector.connect}. */
    public SwarmBlueGreenDeploy(DockerClient manager, OperatorLog log) {
        this.manager = manager;
        this.log = log;
        this.services = new SwarmServices(manager);
        this.gate = new TaskGate(services);
    }

    public SwarmBlueGreenDeploy withListener(DeployListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Deploys {@code spec.image()} as the idle colour and switches traffic to it, or fails leaving traffic as it was. */
    public DeployResult deploy(DeploySpec spec) {
        validate(spec);
        String pinned = ImagePin.pinned(spec.image());
        PhaseClock clock = new PhaseClock(spec.app(), log, listeners);
        clock.started(commitOf(spec));
        String deployId = newDeployId();
        long started = System.nanoTime();
        SwarmRouter router = new SwarmRouter(services, spec.router(), spec.swarmNetwork(), log);
        try (SwarmLock lock = clock.phase(LOCK, null, () -> lockAndPrepare(spec, router, deployId))) {
            return rollOut(spec, router, router.liveColour(spec.app()), pinned, deployId, commitOf(spec), clock, started);
        } catch (DeployFailedException failure) {
            clock.failed(failure);
            throw failure;
        }
    }

    /**
     * Switches back to the previous colour: scales its kept service up again, health-gates and
     * switches. When nothing is kept, deploys the image the live colour replaced.
     */
    public DeployResult rollback(DeploySpec spec) {
        validate(spec);
        PhaseClock clock = new PhaseClock(spec.app(), log, listeners);
        String deployId = newDeployId();
        long started = System.nanoTime();
        SwarmRouter router = new SwarmRouter(services, spec.router(), spec.swarmNetwork(), log);
        try (SwarmLock lock = clock.phase(LOCK, null, () -> lockAndPrepare(spec, router, deployId))) {
            Colour live = router.liveColour(spec.app()).orElseThrow(() -> new DeployFailedException(spec.app(), LOCK,
                    "no colour of " + spec.app() + " is live on this Swarm, so there is nothing to roll back from", null));
            Colour previous = live.other();
            Optional<Service> kept = services.find(ColourServiceSpec.name(spec.app(), previous));
            if (kept.isEmpty()) {
                return redeployPreviousImage(spec, router, live, deployId, clock, started);
            }
            ImageFacts image = factsOf(kept.get());
            clock.about(image);
            String name = kept.get().getSpec().getName();
            long healthyAt;
            try {
                int replicas = Integer.parseInt(kept.get().getSpec().getLabels().getOrDefault(ColourServiceSpec.REPLICAS_LABEL, "1"));
                clock.phase(START, previous, () -> services.scale(kept.get(), replicas));
                clock.phase(HEALTHY, previous, () -> gate.awaitRunning(name, replicas, spec.health().interval(), spec.health().deadline()));
                healthyAt = System.nanoTime();
                clock.phase(SWITCH, previous, () -> switchTo(spec, router, previous, deployId));
            } catch (DeployFailedException failure) {
                DeployFailedException withTail = withLogTail(failure, name);
                services.find(name).ifPresent(service -> services.scale(service, 0));
                throw withTail;
            }
            long switchedAt = System.nanoTime();
            DrainReport drain = retire(spec, live, previous, clock);
            return result(spec, deployId, previous, live, image, clock, healthyAt, switchedAt, started, drain);
        } catch (DeployFailedException failure) {
            clock.failed(failure);
            throw failure;
        }
    }

    /** The app on this Swarm: the live colour, each colour's tasks with node and state, the lock holder. */
    public AppStatus status(String app) {
        SwarmRouter router = new SwarmRouter(services, RouterSettings.nginx(), DeploySpec.DEFAULT_SWARM_NETWORK, log);
        Map<String, String> nodes = services.nodeNames();
        List<ContainerStatus> tasks = new ArrayList<>();
        for (Colour colour : Colour.values()) {
            services.find(ColourServiceSpec.name(app, colour)).ifPresent(service -> tasks.addAll(describe(service, colour, nodes)));
        }
        return new AppStatus(app, router.liveColour(app), tasks, SwarmLock.holder(services, app).map(EngineLock::describe));
    }

    /**
     * What the app's live colour runs, for another target to deploy exactly it: its service names the image by
     * the digest every node pulled. Refused unless every task of the live colour runs past its health check.
     */
    public LiveImage liveImage(String target, String app) {
        SwarmRouter router = new SwarmRouter(services, RouterSettings.nginx(), DeploySpec.DEFAULT_SWARM_NETWORK, log);
        Colour live = router.liveColour(app).orElseThrow(() -> LiveImage.refused(target, app,
                "its router sends no traffic to " + app, "deploy it to " + target + " first"));
        Optional<Service> service = services.find(ColourServiceSpec.name(app, live));
        List<Task> running = service.map(found -> current(found.getSpec().getName())).orElse(List.of());
        if (running.isEmpty() || !running.stream().allMatch(TaskGate::runs)) {
            throw LiveImage.refused(target, app, "its live colour " + live + " is not running healthy",
                    "look at 'bluegreen status " + app + " --swarm' there, and promote once it is healthy");
        }
        ImageFacts image = factsOf(service.get());
        return LiveImage.pinned(target, app, image.reference(), image.digest(), image.commit(),
                service.get().getSpec().getLabels().get(DeployLabels.DEPLOY_ID));
    }

    /** Removes the app's lock whoever holds it; for a deploy that died on another machine. */
    public boolean forceUnlock(String app) {
        return SwarmLock.forceUnlock(services, app);
    }

    private SwarmLock lockAndPrepare(DeploySpec spec, SwarmRouter router, String deployId) {
        SwarmLock lock = SwarmLock.acquire(services, spec.app(), spec.router().image(), deployId, spec.lockWait(), log);
        try {
            ensureOverlayNetwork(spec.swarmNetwork());
            router.prepare(spec.app(), spec.containerPort());
            router.settle(spec.app());
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private DeployResult rollOut(DeploySpec spec, SwarmRouter router, Optional<Colour> live, String pinnedImage,
                                 String deployId, String commit, PhaseClock clock, long started) {
        Colour target = live.map(Colour::other).orElse(Colour.BLUE);
        String name = ColourServiceSpec.name(spec.app(), target);
        Optional<String> previousImage = live.flatMap(colour -> services.find(ColourServiceSpec.name(spec.app(), colour)))
                .map(service -> service.getSpec().getLabels().get(DeployLabels.IMAGE));
        ImageFacts image;
        long healthyAt;
        try {
            clock.phase(CREATE, target, () -> {
                clearColour(spec, name);
                services.create(ColourServiceSpec.of(spec, pinnedImage, target, deployId, commit, previousImage));
            });
            clock.phase(HEALTHY, target, () -> gate.awaitRunning(name, spec.replicas(), spec.health().interval(), spec.health().deadline()));
            healthyAt = System.nanoTime();
            image = factsOf(services.find(name).orElseThrow());
            clock.about(image);
            clock.phase(SWITCH, target, () -> switchTo(spec, router, target, deployId));
        } catch (DeployFailedException failure) {
            DeployFailedException withTail = withLogTail(failure, name);
            services.remove(name);
            log.line("[" + spec.app() + "] removed the new service " + name + "; "
                    + live.map(colour -> colour + " still serves, untouched").orElse("nothing was serving"));
            throw withTail;
        }
        long switchedAt = System.nanoTime();
        DrainReport drain = null;
        if (live.isPresent()) {
            drain = retire(spec, live.get(), target, clock);
        } else {
            clock.phase(PRUNE, target, () -> prune(spec, target, Optional.empty()));
        }
        return result(spec, deployId, target, live.orElse(null), image, clock, healthyAt, switchedAt, started, drain);
    }

    private void switchTo(DeploySpec spec, SwarmRouter router, Colour colour, String deployId) {
        boolean ownCheck = spec.health().usesDockerHealthcheck();
        // With the image's own HEALTHCHECK any answer from the app (not a router error) proves the route.
        Set<Integer> accepted = ownCheck ? IntStream.range(200, 500).boxed().collect(Collectors.toSet())
                : spec.health().acceptedStatuses();
        router.switchTo(spec.app(), colour, deployId, ownCheck ? "/" : spec.health().path(), accepted);
    }

    /**
     * After the switch: let in-flight requests on the old colour finish, stop it (kept or removed), prune.
     * The Swarm's routers run on every node and nothing here counts their requests yet, so the old
     * colour gets the whole drain timeout.
     */
    private DrainReport retire(DeploySpec spec, Colour old, Colour live, PhaseClock clock) {
        String oldName = ColourServiceSpec.name(spec.app(), old);
        DrainReport drain = clock.phase(DRAIN, old, () -> {
            Pause.of(spec.drainTimeout());
            return DrainReport.timed(spec.drainTimeout());
        }, DrainReport::describe);
        clock.phase(STOP, old, () -> {
            if (spec.standby()) {
                return;
            }
            if (spec.keep() > 0) {
                services.find(oldName).ifPresent(service -> services.scale(service, 0));
            } else {
                services.remove(oldName);
            }
            services.awaitStopped(oldName, spec.stopTimeout().plus(STOP_SLACK));
        });
        Optional<Colour> kept = spec.keep() > 0 ? Optional.of(old) : Optional.empty();
        clock.phase(PRUNE, live, () -> prune(spec, live, kept));
        return drain;
    }

    /**
     * Empties the colour about to receive the deploy. Tasks still running there (standby, or a deploy
     * killed during its drain) may still be serving the last requests, so they get the drain time first.
     */
    private void clearColour(DeploySpec spec, String name) {
        Optional<Service> leftover = services.find(name);
        if (leftover.isEmpty()) {
            return;
        }
        if (services.tasks(name).stream().anyMatch(TaskGate::runs)) {
            log.line("[" + spec.app() + "] " + name + " still has running tasks (standby, or a deploy that stopped"
                    + " midway); giving them the drain time before replacing them");
            Pause.of(spec.drainTimeout());
        }
        services.remove(name);
    }

    /** Removes colour services of neither the live nor the kept colour. Images stay: each node's engine owns its own. */
    private void prune(DeploySpec spec, Colour live, Optional<Colour> kept) {
        for (Colour colour : Colour.values()) {
            if (colour != live && kept.map(k -> k != colour).orElse(true)) {
                services.remove(ColourServiceSpec.name(spec.app(), colour));
            }
        }
    }

    /** Nothing kept: deploy what the live colour replaced, recorded in its labels. */
    private DeployResult redeployPreviousImage(DeploySpec spec, SwarmRouter router, Colour live, String deployId,
                                               PhaseClock clock, long started) {
        String previousImage = services.find(ColourServiceSpec.name(spec.app(), live))
                .map(service -> service.getSpec().getLabels().get(DeployLabels.PREVIOUS_IMAGE))
                .orElseThrow(() -> new DeployFailedException(spec.app(), LOCK,
                        "no previous colour is kept and the live colour records no previous image", null));
        log.line("[" + spec.app() + "] no previous colour is kept; deploying the previous image " + previousImage);
        DeploySpec previous = spec.withImage(previousImage);
        return rollOut(previous, router, Optional.of(live), ImagePin.pinned(previousImage), deployId, commitOf(previous),
                clock, started);
    }

    /** Refuses bad input naming the field, before anything on the Swarm changes. */
    private void validate(DeploySpec spec) {
        spec.validateSettings();
        InvalidInputException.require(spec.router().isNginx(), "router",
                "a Swarm target routes through its own nginx router service", "use the nginx router settings");
        SwarmHealthCheck.validate(spec.health());
        SwarmInfo swarm = manager.infoCmd().exec().getSwarm();
        InvalidInputException.require(swarm != null && Boolean.TRUE.equals(swarm.getControlAvailable()), "target",
                "the engine is not a Swarm manager", "give the engine URI of a manager node of the Swarm");
        for (Network network : manager.listNetworksCmd().withNameFilter(spec.swarmNetwork()).exec()) {
            InvalidInputException.require(!network.getName().equals(spec.swarmNetwork()) || "swarm".equals(network.getScope()),
                    "network", "'" + spec.swarmNetwork() + "' exists on the manager as a " + network.getDriver()
                            + " network, which Swarm services cannot join", "name an overlay network, or a new name");
        }
        String router = SwarmRouter.name(spec.app());
        for (Service service : manager.listServicesCmd().exec()) {
            boolean publishes = service.getEndpoint() != null && service.getEndpoint().getPorts() != null
                    && Arrays.stream(service.getEndpoint().getPorts()).map(PortConfig::getPublishedPort)
                            .anyMatch(port -> port == spec.router().publishPort());
            InvalidInputException.require(!publishes || service.getSpec().getName().equals(router), "router.port",
                    "port " + spec.router().publishPort() + " is already published by the service " + service.getSpec().getName(),
                    "choose a free port or remove that service");
        }
    }

    private void ensureOverlayNetwork(String network) {
        boolean exists = manager.listNetworksCmd().withNameFilter(network).exec().stream()
                .anyMatch(candidate -> candidate.getName().equals(network));
        if (!exists) {
            manager.createNetworkCmd().withName(network).withDriver("overlay").withAttachable(true).exec();
            log.line("created the overlay network " + network);
        }
    }

    private List<ContainerStatus> describe(Service service, Colour colour, Map<String, String> nodes) {
        Map<String, String> labels = service.getSpec().getLabels();
        ImageFacts image = factsOf(service);
        List<Task> current = current(service.getSpec().getName());
        if (current.isEmpty()) {
            return List.of(new ContainerStatus(service.getSpec().getName(), colour, "scaled to 0", "kept for rollback",
                    image.reference(), image.commit(), image.digest(), labels.get(DeployLabels.DEPLOY_ID),
                    labels.get(DeployLabels.DEPLOYED_AT)));
        }
        return current.stream().map(task -> new ContainerStatus(
                service.getSpec().getName() + "." + task.getSlot() + "@" + nodes.getOrDefault(task.getNodeId(), "?"),
                colour, task.getStatus().getState().getValue(),
                TaskGate.runs(task) ? "running (past its health check)" : String.valueOf(task.getStatus().getMessage()),
                image.reference(), image.commit(), image.digest(), labels.get(DeployLabels.DEPLOY_ID),
                labels.get(DeployLabels.DEPLOYED_AT))).toList();
    }

    /** The service runs the image pinned to its digest at creation; the label keeps the name it was given. */
    /** The service's tasks the Swarm means to keep running, not those it is shutting down or replaced. */
    private List<Task> current(String service) {
        return services.tasks(service).stream()
                .filter(task -> task.getDesiredState() == com.github.dockerjava.api.model.TaskState.RUNNING).toList();
    }

    private static ImageFacts factsOf(Service service) {
        Map<String, String> labels = service.getSpec().getLabels();
        String pinned = service.getSpec().getTaskTemplate().getContainerSpec().getImage();
        String digest = pinned.contains("@") ? pinned.substring(pinned.indexOf('@') + 1) : "unpinned";
        return new ImageFacts(labels.getOrDefault(DeployLabels.IMAGE, pinned), digest, digest,
                labels.getOrDefault(DeployLabels.COMMIT, "unknown"));
    }

    /** The commit given, or the one the image records when the manager happens to have it; nodes pull from the registry. */
    private String commitOf(DeploySpec spec) {
        if (spec.commit() != null) {
            return spec.commit();
        }
        try {
            return ImageFacts.inspect(manager, spec.image()).commit();
        } catch (NotFoundException notOnManager) {
            return "unknown";
        }
    }

    private DeployFailedException withLogTail(DeployFailedException failure, String serviceName) {
        if (failure.phase() != CREATE && failure.phase() != HEALTHY && failure.phase() != START) {
            return failure;
        }
        String message = failure.getMessage().substring(failure.getMessage().indexOf(": ") + 2);
        return new DeployFailedException(failure.app(), failure.phase(), message + "\n" + services.logTail(serviceName),
                failure.getCause());
    }

    private DeployResult result(DeploySpec spec, String deployId, Colour live, Colour previous, ImageFacts image,
                                PhaseClock clock, long healthyAt, long switchedAt, long started, DrainReport drain) {
        Duration switchTime = Duration.ofNanos(switchedAt - healthyAt);
        DeployResult result = new DeployResult(spec.app(), deployId, live, previous, image.reference(), image.commit(),
                image.digest(), clock.durations(), switchTime, Duration.ofNanos(switchedAt - started),
                Duration.ofNanos(System.nanoTime() - started), drain);
        log.line(String.format(Locale.ROOT, "[%s] live     %-5s  switch %.3fs  serving after %.2fs  total %.1fs  deploy %s (swarm)",
                spec.app(), live, switchTime.toNanos() / 1e9, (switchedAt - started) / 1e9, result.total().toNanos() / 1e9, deployId));
        clock.succeeded(result);
        return result;
    }

    private static String newDeployId() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DEPLOY_ID_TIME) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

}
