package io.bluegreen.deploy;

import static io.bluegreen.deploy.Phase.CREATE;
import static io.bluegreen.deploy.Phase.DRAIN;
import static io.bluegreen.deploy.Phase.HEALTHY;
import static io.bluegreen.deploy.Phase.LOCK;
import static io.bluegreen.deploy.Phase.PRUNE;
import static io.bluegreen.deploy.Phase.STAGE;
import static io.bluegreen.deploy.Phase.START;
import static io.bluegreen.deploy.Phase.STOP;
import static io.bluegreen.deploy.Phase.SWITCH;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.bluegreen.health.HealthGate;
import io.bluegreen.health.HealthTarget;
import io.bluegreen.health.UnhealthyException;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.ContainerLogTail;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.AppRoute;
import io.bluegreen.router.Colour;
import io.bluegreen.router.DrainReport;
import io.bluegreen.router.Router;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The blue-green deploy, top to bottom. Two colours of an app exist; the router sends traffic to
 * one (live), the other is idle. A deploy:
 * <ol>
 *   <li>lock: takes the app's lock in the engine, so one deploy per app runs at a time;</li>
 *   <li>create: clears whatever sits in the idle colour (the colour before last, or a half-started
 *       colour of a killed deploy) and creates the new containers there;</li>
 *   <li>start, healthy: starts them and waits until each answers its health check the way traffic
 *       will reach it; meanwhile (stage) the router loads the new containers beside the live ones, traffic
 *       still on the live colour. Any failure up to here removes the new containers; the live colour was
 *       never touched;</li>
 *   <li>switch: the router flips traffic to the new colour and proves it with a request;</li>
 *   <li>drain, stop: the old colour keeps running until the router sees no request routed to it still
 *       running, or the drain timeout ends the wait; then it stops (kept for rollback, or removed with
 *       {@code keep 0});</li>
 *   <li>prune: removes containers and images beyond what is kept.</li>
 * </ol>
 * Crash safety: traffic only ever moves at the switch, to a colour proven healthy, and the router
 * itself is the record of which colour is live. A rerun after a kill at any point takes over the
 * dead deploy's lock, finds the live colour from the router, clears the idle colour and goes on.
 */
public final class BlueGreenDeploy {
    private static final DateTimeFormatter DEPLOY_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final DockerClient docker;
    private final OperatorLog log;
    private final List<DeployListener> listeners = new CopyOnWriteArrayList<>();
    private String deployId;

    public BlueGreenDeploy(DockerClient docker, OperatorLog log) {
        this.docker = docker;
        this.log = log;
    }

    public BlueGreenDeploy withListener(DeployListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Runs under a deploy id given by the caller instead of a new one, so the containers and lock of
     * every host of one rollout carry the same id, and a lock the caller already holds under it is re-entered.
     */
    public BlueGreenDeploy withDeployId(String deployId) {
        this.deployId = deployId;
        return this;
    }

    /** Deploys {@code spec.image()} as the idle colour and switches traffic to it, or fails leaving traffic as it was. */
    public DeployResult deploy(DeploySpec spec) {
        spec.validate(docker);
        ImageFacts image = ImageFacts.inspect(docker, spec.image()).withCommit(spec.commit());
        PhaseClock clock = new PhaseClock(spec.app(), log, listeners);
        clock.about(image);
        clock.started(image.commit());
        String deployId = this.deployId != null ? this.deployId : newDeployId();
        long started = System.nanoTime();
        try (LockedApp app = clock.phase(LOCK, null, () -> lockAndLook(spec, image.id(), deployId))) {
            return rollOut(spec, app, image, deployId, clock, started);
        } catch (DeployFailedException failure) {
            clock.failed(failure);
            throw failure;
        }
    }

    /**
     * Switches back to the previous colour: starts it if it was stopped, health-gates it and
     * switches. When no previous colour is kept, deploys the image the live colour replaced.
     */
    public DeployResult rollback(DeploySpec spec) {
        spec.validateWithoutImage(docker);
        AppContainers containers = new AppContainers(docker, spec.app());
        String anyImage = containers.all().stream().findFirst().map(Container::getImageId)
                .orElseThrow(() -> new DeployFailedException(spec.app(), LOCK, "nothing of this app is deployed on the engine", null));
        PhaseClock clock = new PhaseClock(spec.app(), log, listeners);
        String deployId = this.deployId != null ? this.deployId : newDeployId();
        long started = System.nanoTime();
        try (LockedApp app = clock.phase(LOCK, null, () -> lockAndLook(spec, anyImage, deployId))) {
            Colour live = app.live().orElseThrow(() -> new DeployFailedException(spec.app(), LOCK,
                    "the router sends no traffic to " + spec.app() + ", so there is nothing to roll back from", null));
            Colour previous = live.other();
            List<Container> kept = containers.of(previous);
            if (kept.isEmpty()) {
                return redeployPreviousImage(spec, app, containers.of(live), deployId, clock, started);
            }
            ImageFacts image = factsOf(kept.get(0));
            clock.about(image);
            List<String> ids = kept.stream().map(Container::getId).toList();
            clock.phase(START, previous, () -> containers.start(ids));
            Duration switchTime;
            long switchedAt;
            try {
                switchTime = healthGateAndSwitch(spec, app.router(), previous, ids, image, deployId, clock);
                switchedAt = System.nanoTime();
            } catch (DeployFailedException failure) {
                forgetNewContainers(spec, app.router());
                containers.stop(kept, (int) spec.stopTimeout().toSeconds());
                throw withLogTail(failure, ids);
            }
            DrainReport drain = retire(spec, app.router(), live, previous, Set.of(), clock);
            return result(spec, deployId, previous, live, image, clock, switchTime, switchedAt - started, started, drain);
        } catch (DeployFailedException failure) {
            clock.failed(failure);
            throw failure;
        }
    }

    /** The app locked, its router ready, and which colour serves now (from the router, the only record of it). */
    private record LockedApp(EngineLock lock, Router router, Optional<Colour> live) implements AutoCloseable {
        @Override
        public void close() {
            lock.close();
        }
    }

    private LockedApp lockAndLook(DeploySpec spec, String lockImage, String deployId) {
        EngineLock lock = DeployLock.acquire(docker, spec.app(), lockImage, deployId, spec.lockWait(), log);
        try {
            new AppContainers(docker, spec.app()).ensureNetwork(spec.network());
            Router router = spec.router().open(docker, log);
            router.prepare(spec.app(), spec.network());
            return new LockedApp(lock, router, router.liveColour(spec.app()));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private DeployResult rollOut(DeploySpec spec, LockedApp app, ImageFacts image, String deployId, PhaseClock clock,
                                 long started) {
        AppContainers containers = new AppContainers(docker, spec.app());
        Router router = app.router();
        Optional<Colour> live = app.live();
        List<String> created = new ArrayList<>();
        Set<String> retiredImages = new LinkedHashSet<>();
        Colour target = live.map(Colour::other).orElse(Colour.BLUE);
        Optional<String> previousImage = live.flatMap(colour -> containers.of(colour).stream().findFirst())
                .map(Container::getImageId);
        Duration switchTime;
        long switchedAt;
        try {
            clock.phase(CREATE, target, () -> {
                retiredImages.addAll(clearColour(spec, router, containers, target));
                created.addAll(containers.create(spec, target, image, deployId, previousImage, router));
            });
            clock.phase(START, target, () -> containers.start(created));
            switchTime = healthGateAndSwitch(spec, router, target, created, image, deployId, clock);
            switchedAt = System.nanoTime();
        } catch (DeployFailedException failure) {
            DeployFailedException withTail = withLogTail(failure, created);
            forgetNewContainers(spec, router);
            containers.remove(created);
            log.line("[" + spec.app() + "] removed the new " + target + " containers; "
                    + live.map(colour -> colour + " still serves, untouched").orElse("nothing was serving"));
            throw withTail;
        }
        DrainReport drain = live.map(old -> retire(spec, router, old, target, retiredImages, clock)).orElse(null);
        if (live.isEmpty()) {
            clock.phase(PRUNE, target, () -> prune(spec, containers, target, Optional.empty(), retiredImages));
        }
        return result(spec, deployId, target, live.orElse(null), image, clock, switchTime, switchedAt - started, started,
                drain);
    }

    /**
     * Waits until every container of {@code colour} is healthy while the router stages the switch
     * beside it, then flips traffic to it; returns the switch time (the flip and its proof).
     */
    private Duration healthGateAndSwitch(DeploySpec spec, Router router, Colour colour, List<String> ids,
                                         ImageFacts image, String deployId, PhaseClock clock) {
        List<HealthTarget> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String id : ids) {
            String name = docker.inspectContainerCmd(id).exec().getName().substring(1);
            names.add(name);
            targets.add(router.healthTarget(spec.app(), colour, id, name, spec.containerPort()));
        }
        String probePath = spec.health().usesDockerHealthcheck() ? "/" : spec.health().path();
        AppRoute route = new AppRoute(spec.app(), colour, names, spec.containerPort(), image.id(), deployId, probePath);
        CompletableFuture<Void> staging = CompletableFuture.runAsync(
                () -> clock.phase(STAGE, colour, () -> router.stage(route)), task -> {
                    Thread thread = new Thread(task, "bluegreen-stage-" + spec.app());
                    thread.setDaemon(true);
                    thread.start();
                });
        try {
            clock.phase(HEALTHY, colour, () -> new HealthGate(docker, spec.health()).awaitHealthy(targets));
        } catch (DeployFailedException unhealthy) {
            // Never leave a reload running behind a failed deploy: the lock is released when this returns.
            staging.exceptionally(ignored -> null).join();
            throw unhealthy;
        } finally {
            router.closePreviews(spec.app());
        }
        try {
            staging.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof DeployFailedException failure ? failure : e;
        }
        long flipAt = System.nanoTime();
        clock.phase(SWITCH, colour, () -> router.switchTo(route));
        return Duration.ofNanos(System.nanoTime() - flipAt);
    }

    /**
     * After a failed deploy, before its containers go: the router may have staged them, and a file naming
     * containers that no longer exist makes nginx reject the config of every app on the router.
     */
    private void forgetNewContainers(DeploySpec spec, Router router) {
        try {
            router.settle(spec.app());
        } catch (RuntimeException e) {
            log.warn("[" + spec.app() + "] could not take the new containers out of the router (the next deploy will): " + e);
        }
    }

    /** After the switch: let requests routed to the old colour finish, as the router sees them, stop it, prune. */
    private DrainReport retire(DeploySpec spec, Router router, Colour old, Colour live, Set<String> retiredImages,
                               PhaseClock clock) {
        AppContainers containers = new AppContainers(docker, spec.app());
        DrainReport drain = clock.phase(DRAIN, old, () -> router.drain(spec.app(), old, spec.drainTimeout()),
                DrainReport::describe);
        if (drain.endedAtTimeout() > 0 && !spec.standby()) {
            log.warn("[" + spec.app() + "] " + drain.endedAtTimeout() + " request(s) to " + old + " still running at the "
                    + spec.drainTimeout().toSeconds() + " s drain timeout are ended as " + old
                    + " stops; those not yet answered get 504 from the router. Raise the drain timeout if they are normal.");
        }
        List<Container> oldContainers = containers.of(old);
        clock.phase(STOP, old, () -> {
            if (!spec.standby()) {
                router.settle(spec.app());
                containers.stop(oldContainers, (int) spec.stopTimeout().toSeconds());
            }
        });
        Optional<Colour> kept = spec.keep() > 0 ? Optional.of(old) : Optional.empty();
        clock.phase(PRUNE, live, () -> prune(spec, containers, live, kept, retiredImages));
        return drain;
    }

    /**
     * Empties the colour about to receive the deploy. Running containers there may still be
     * draining (a deploy killed during its drain left them), so they get the drain time first.
     */
    private Set<String> clearColour(DeploySpec spec, Router router, AppContainers containers, Colour colour) {
        List<Container> leftovers = containers.of(colour);
        if (leftovers.isEmpty()) {
            return Set.of();
        }
        router.settle(spec.app());
        if (leftovers.stream().anyMatch(AppContainers::isRunning)) {
            log.line("[" + spec.app() + "] " + colour + " still has running containers (standby, or a deploy that"
                    + " stopped midway); draining them before replacing them: "
                    + router.drain(spec.app(), colour, spec.drainTimeout()).describe());
        }
        containers.remove(leftovers.stream().map(Container::getId).toList());
        return leftovers.stream().map(Container::getImageId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Removes containers of neither the live nor the kept colour, and images nothing uses any more. */
    private void prune(DeploySpec spec, AppContainers containers, Colour live, Optional<Colour> kept,
                       Set<String> retiredImages) {
        Set<String> candidates = new LinkedHashSet<>(retiredImages);
        List<Container> surplus = containers.all().stream()
                .filter(c -> !live.label().equals(c.getLabels().get(DeployLabels.COLOUR)))
                .filter(c -> kept.map(colour -> !colour.label().equals(c.getLabels().get(DeployLabels.COLOUR))).orElse(true))
                .toList();
        containers.remove(surplus.stream().map(Container::getId).toList());
        surplus.forEach(c -> candidates.add(c.getImageId()));
        if (spec.pruneImages()) {
            candidates.stream().filter(containers::removeImageIfUnused)
                    .forEach(id -> log.line("[" + spec.app() + "] removed image " + ImageFacts.shortDigest(id)));
        }
    }

    /** Nothing kept: deploy what the live colour replaced, recorded in its labels. */
    private DeployResult redeployPreviousImage(DeploySpec spec, LockedApp app, List<Container> liveContainers, String deployId,
                                               PhaseClock clock, long started) {
        String previousImage = liveContainers.stream().findFirst()
                .map(c -> c.getLabels().get(DeployLabels.PREVIOUS_IMAGE))
                .orElseThrow(() -> new DeployFailedException(spec.app(), LOCK,
                        "no previous colour is kept and the live colour records no previous image", null));
        log.line("[" + spec.app() + "] no previous colour is kept; deploying the previous image " + ImageFacts.shortDigest(previousImage));
        spec.withImage(previousImage).validate(docker);
        ImageFacts image = ImageFacts.inspect(docker, previousImage);
        clock.about(image);
        return rollOut(spec, app, image, deployId, clock, started);
    }

    private DeployFailedException withLogTail(DeployFailedException failure, List<String> containerIds) {
        List<String> failing = failure.getCause() instanceof UnhealthyException unhealthy
                ? List.of(unhealthy.containerName())
                : failure.phase() == START || failure.phase() == HEALTHY ? containerIds : List.of();
        if (failing.isEmpty()) {
            return failure;
        }
        String tails = failing.stream().map(container -> ContainerLogTail.of(docker, container))
                .collect(Collectors.joining("\n"));
        String message = failure.getMessage().substring(failure.getMessage().indexOf(": ") + 2);
        return new DeployFailedException(failure.app(), failure.phase(), message + "\n" + tails, failure.getCause());
    }

    private static ImageFacts factsOf(Container container) {
        return new ImageFacts(container.getLabels().getOrDefault(DeployLabels.IMAGE, container.getImage()),
                container.getImageId(), container.getLabels().getOrDefault(DeployLabels.DIGEST, container.getImageId()),
                container.getLabels().getOrDefault(DeployLabels.COMMIT, "unknown"));
    }

    private DeployResult result(DeploySpec spec, String deployId, Colour live, Colour previous, ImageFacts image,
                                PhaseClock clock, Duration switchTime, long untilSwitched, long started, DrainReport drain) {
        DeployResult result = new DeployResult(spec.app(), deployId, live, previous, image.reference(), image.commit(),
                image.digest(), clock.durations(), switchTime, Duration.ofNanos(untilSwitched),
                Duration.ofNanos(System.nanoTime() - started), drain);
        log.line(String.format(java.util.Locale.ROOT, "[%s] live     %-5s  switch %.3fs  serving after %.2fs  total %.1fs  deploy %s",
                spec.app(), live, switchTime.toNanos() / 1e9, untilSwitched / 1e9, result.total().toNanos() / 1e9, deployId));
        clock.succeeded(result);
        return result;
    }

    static String newDeployId() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DEPLOY_ID_TIME) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }
}
