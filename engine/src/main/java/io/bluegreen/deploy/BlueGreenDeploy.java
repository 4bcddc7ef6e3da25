package io.bluegreen.deploy;

import static io.bluegreen.deploy.Phase.CHECK;
import static io.bluegreen.deploy.Phase.CREATE;
import static io.bluegreen.deploy.Phase.DRAIN;
import static io.bluegreen.deploy.Phase.HEALTHY;
import static io.bluegreen.deploy.Phase.LOCK;
import static io.bluegreen.deploy.Phase.PREVIEW;
import static io.bluegreen.deploy.Phase.PRUNE;
import static io.bluegreen.deploy.Phase.STAGE;
import static io.bluegreen.deploy.Phase.START;
import static io.bluegreen.deploy.Phase.STOP;
import static io.bluegreen.deploy.Phase.SWITCH;
import static io.bluegreen.deploy.Phase.WATCH;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.bluegreen.health.HealthGate;
import io.bluegreen.health.HealthTarget;
import io.bluegreen.health.UnhealthyException;
import io.bluegreen.image.ImagePuller;
import io.bluegreen.image.ImageReference;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.ContainerLogTail;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.AppRoute;
import io.bluegreen.router.Colour;
import io.bluegreen.router.DrainReport;
import io.bluegreen.router.NginxRouter;
import io.bluegreen.router.Router;
import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * <p>
 * Promotion splits the deploy at the switch: {@link #deployWithoutSwitch} stops after stage and healthy,
 * opens the new colour on a preview and records it, with its {@link PromotionTerms}, in its labels;
 * {@link #promote} (from any process) runs the pre-promotion checks, the switch, the watch (the old
 * colour still running while the post-promotion checks run on the live router; a failure switches
 * back), then drain, stop and prune; {@link #abort} removes the waiting colour and changes nothing else.
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
        PhaseClock clock = new PhaseClock(spec.app(), log, listeners);
        ImageFacts image = announce(spec, clock);
        String deployId = ownDeployId();
        long started = System.nanoTime();
        return reportingFailure(clock, () -> {
            try (LockedApp app = clock.phase(LOCK, null, () -> lockAndLook(spec, image.id(), deployId))) {
                return rollOut(spec, app, image, deployId, clock, started);
            }
        });
    }

    /** The image's facts, once the input passed its checks: the log and the listeners are told the deploy started. */
    private ImageFacts announce(DeploySpec spec, PhaseClock clock) {
        ImageFacts image = ImageFacts.inspect(docker, spec.image()).withCommit(spec.commit());
        clock.about(image);
        clock.started(image.commit());
        return image;
    }

    private String ownDeployId() {
        return deployId != null ? deployId : newDeployId();
    }

    /** Listeners hear of a failure once the work has cleaned up after it. */
    private static <T> T reportingFailure(PhaseClock clock, Supplier<T> work) {
        try {
            return work.get();
        } catch (DeployFailedException failure) {
            clock.failed(failure);
            throw failure;
        }
    }

    /**
     * Deploys exactly the image another target runs live (read with {@link LiveImage#of}), pulled from its
     * registry by digest, so a tag moved since cannot change it; the containers record where it came from.
     */
    public DeployResult deploySameAs(LiveImage source, DeploySpec spec, RegistryCredentials credentials) {
        new ImagePuller(docker, log).pull(ImageReference.parse(source.reference(), "image"), credentials);
        return deploy(source.deployedBy(spec));
    }

    /**
     * Switches back to the previous colour: starts it if it was stopped, health-gates it and
     * switches. When no previous colour is kept, deploys the image the live colour replaced.
     */
    public DeployResult rollback(DeploySpec spec) {
        spec.validateWithoutImage(docker);
        AppContainers containers = new AppContainers(docker, spec.app());
        PhaseClock clock = new PhaseClock(spec.app(), log, listeners);
        String deployId = ownDeployId();
        long started = System.nanoTime();
        return reportingFailure(clock, () -> {
            try (LockedApp app = clock.phase(LOCK, null, () -> lockAndLook(spec, anyImageOf(spec.app(), containers), deployId))) {
                return rollBackTo(spec, app, containers, deployId, clock, started);
            }
        });
    }

    private DeployResult rollBackTo(DeploySpec spec, LockedApp app, AppContainers containers, String deployId,
                                    PhaseClock clock, long started) {
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
        Switched switched;
        try {
            switched = switchTo(app.router(), healthGateAndStage(spec, app.router(), previous, ids, image, deployId, clock),
                    clock);
        } catch (DeployFailedException failure) {
            forgetNewContainers(spec, app.router());
            containers.stop(kept, (int) spec.stopTimeout().toSeconds());
            throw withLogTail(failure, ids);
        }
        DrainReport drain = retire(spec, app.router(), live, previous, Set.of(), clock);
        return result(spec, deployId, previous, live, image, clock, switched, started, drain);
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
        Set<String> retiredImages = new LinkedHashSet<>();
        Switched switched = startStaged(spec, app, image, deployId, clock, Map.of(), retiredImages,
                (route, ids) -> switchTo(app.router(), route, clock));
        DrainReport drain = retireOrPrune(spec, app, switched.route().colour(), retiredImages, clock);
        return result(spec, deployId, switched.route().colour(), app.live().orElse(null), image, clock, switched, started,
                drain);
    }

    /**
     * Deploys {@code spec.image()} as the idle colour up to the switch and leaves it waiting there: healthy,
     * loaded in the router beside the live colour, open on a preview to whoever has its key, and recorded
     * with {@code terms} in its labels, so any process can {@link #promote} or {@link #abort} it. Traffic
     * stays on the live colour; the app's lock is released.
     */
    public WaitingColour deployWithoutSwitch(DeploySpec spec, PromotionTerms terms) {
        spec.validate(docker);
        terms.validate();
        InvalidInputException.require(spec.router().isNginx(), "router.colourPorts",
                "a deploy without the switch needs the nginx router: its preview and checks go through it",
                "leave out --fixed-ports, or deploy with the switch");
        terms.previewPort().ifPresent(port -> spec.router().open(docker, log).requirePreviewPortFree(spec.app(), port.port()));
        PhaseClock clock = new PhaseClock(spec.app(), log, listeners);
        ImageFacts image = announce(spec, clock);
        String deployId = ownDeployId();
        String previewKey = NginxRouter.newPreviewKey();
        return reportingFailure(clock, () -> waitOnPreview(spec, terms, image, deployId, previewKey, clock));
    }

    private WaitingColour waitOnPreview(DeploySpec spec, PromotionTerms terms, ImageFacts image, String deployId,
                                        String previewKey, PhaseClock clock) {
        try (LockedApp app = clock.phase(LOCK, null, () -> lockAndLook(spec, image.id(), deployId))) {
            Map<String, String> labels = new HashMap<>(terms.labels(previewKey, Instant.now()));
            labels.put(WaitingColour.HEALTH, WaitingColour.healthLabel(spec.health()));
            startStaged(spec, app, image, deployId, clock, labels, new LinkedHashSet<>(), (route, ids) -> clock.phase(
                    PREVIEW, route.colour(), () -> {
                        List<HealthTarget> previews = openPreviews(spec, app.router(), route.colour(), ids, previewKey);
                        terms.previewPort().ifPresent(port -> app.router().openPreviewPort(spec.app(),
                                previews.get(0).containerName(), spec.containerPort(), previewKey, port.address(), port.port()));
                        return previews;
                    }));
            WaitingColour waiting = WaitingColour.find(new AppContainers(docker, spec.app()), app.live()).orElseThrow();
            String curl = waiting.previewCommand(spec.router().reachAddress(), spec.router().publishPort());
            log.line("[" + spec.app() + "] waiting  " + waiting.colour() + " for promote or abort until " + waiting.deadline()
                    + ", then " + terms.atDeadline().label() + "; " + app.live().map(colour -> colour + " still serves")
                    .orElse("nothing serves yet") + "; preview: " + curl);
            clock.awaitingPromotion(waiting, curl);
            return waiting;
        }
    }

    /**
     * Switches traffic to the app's waiting colour after its pre-promotion checks pass on the preview,
     * watches the live router with its post-promotion checks while the old colour keeps running (a failure
     * switches back at once and removes the new colour), then drains and stops the old colour. Needs
     * nothing but the engine: the deploying process may be gone. A colour past its deadline whose terms
     * say abort is aborted instead, and the promote fails saying so.
     */
    public DeployResult promote(DeploySpec spec) {
        spec.validateWithoutImage(docker);
        AppContainers containers = new AppContainers(docker, spec.app());
        PhaseClock clock = new PhaseClock(spec.app(), log, listeners);
        long started = System.nanoTime();
        return reportingFailure(clock, () -> {
            try (LockedApp app = clock.phase(LOCK, null, () -> lockAndLook(spec, anyImageOf(spec.app(), containers), ownDeployId()))) {
                WaitingColour waiting = waitingInTime(spec, app, clock);
                // The port and health check the colour was deployed with, whatever the caller says: the router's
                // route must not change, and a colour proven healthy must not fail on a check it was never given.
                return promoteWaiting(spec.withContainerPort(waiting.containerPort())
                        .withHealth(waiting.health(spec.health().deadline())), app, waiting, clock, started);
            }
        });
    }

    /** The waiting colour, unless its deadline passed with terms that say abort: then it is aborted and the promote refused. */
    private WaitingColour waitingInTime(DeploySpec spec, LockedApp app, PhaseClock clock) {
        WaitingColour waiting = waitingColour(spec, app);
        if (waiting.pastDeadline(Instant.now()) && waiting.terms().atDeadline() == PromotionTerms.AtDeadline.ABORT) {
            removeWaiting(spec, app, waiting, clock);
            throw new DeployFailedException(spec.app(), CHECK, "promotion refused: " + waiting.colour() + " (deploy "
                    + waiting.deployId() + ") waited past its deadline " + waiting.deadline() + ", and its terms say"
                    + " abort then; it is removed and " + app.live().map(colour -> colour + " still serves")
                    .orElse("nothing serves") + ". Deploy again, with a longer --wait if needed.", null);
        }
        return waiting;
    }

    /** Removes the app's waiting colour; the live colour, its containers and the router's routes stay as they were. */
    public void abort(DeploySpec spec) {
        spec.validateWithoutImage(docker);
        AppContainers containers = new AppContainers(docker, spec.app());
        PhaseClock clock = new PhaseClock(spec.app(), log, listeners);
        try (LockedApp app = clock.phase(LOCK, null, () -> lockAndLook(spec, anyImageOf(spec.app(), containers), ownDeployId()))) {
            removeWaiting(spec, app, waitingColour(spec, app), clock);
        }
    }

    /**
     * Waits until the colour is promoted or aborted by another process, or its deadline comes: then
     * promotes or aborts it as its terms say. Returns whether it went live.
     */
    public boolean awaitDecision(DeploySpec spec, WaitingColour waiting) {
        return new AppInspector(docker).awaitDecision(spec.router(), waiting, log)
                .orElseGet(() -> waiting.decideAtDeadline(() -> promote(spec), () -> abort(spec)));
    }

    private WaitingColour waitingColour(DeploySpec spec, LockedApp app) {
        return WaitingColour.find(new AppContainers(docker, spec.app()), app.live())
                .orElseThrow(() -> new DeployFailedException(spec.app(), LOCK, "no colour of " + spec.app()
                        + " awaits promotion (it was promoted or aborted already, or its containers are gone)", null));
    }

    private DeployResult promoteWaiting(DeploySpec spec, LockedApp app, WaitingColour waiting, PhaseClock clock,
                                        long started) {
        ImageFacts image = new ImageFacts(waiting.image(), waiting.imageId(), waiting.digest(), waiting.commit());
        clock.about(image);
        Router router = app.router();
        Colour colour = waiting.colour();
        Optional<AppRoute> back;
        Switched switched;
        try {
            List<HealthTarget> previews = openPreviews(spec, router, colour, waiting.containerIds(), waiting.previewKey());
            clock.phase(CHECK, colour, () -> PromotionChecks.requirePassing(waiting.terms().preChecks(), previews),
                    Function.identity());
            AppRoute route = healthGateAndStage(spec, router, colour, waiting.containerIds(), image, waiting.deployId(),
                    clock);
            back = app.live().filter(old -> watches(waiting)).map(old -> armSwitchBack(spec, router, old));
            switched = switchTo(router, route, clock);
        } catch (DeployFailedException failure) {
            removeWaiting(spec, app, waiting, clock);
            throw withLogTail(failure, waiting.containerIds());
        }
        back.ifPresent(route -> watch(spec, router, waiting, route, clock));
        DrainReport drain = retireOrPrune(spec, app, colour, Set.of(), clock);
        return result(spec, waiting.deployId(), colour, app.live().orElse(null), image, clock, switched, started, drain);
    }

    private static boolean watches(WaitingColour waiting) {
        return !waiting.terms().postChecks().isEmpty() && !waiting.terms().watch().isZero();
    }

    /** The route back to {@code old}, its flip armed while {@code old} is still live, so it is ready at the first check. */
    private AppRoute armSwitchBack(DeploySpec spec, Router router, Colour old) {
        List<Container> oldContainers = new AppContainers(docker, spec.app()).of(old);
        AppRoute back = new AppRoute(spec.app(), old, oldContainers.stream().map(AppContainers::name).toList(),
                spec.containerPort(), oldContainers.get(0).getImageId(),
                oldContainers.get(0).getLabels().get(DeployLabels.DEPLOY_ID), probePath(spec), spec.health().timeout());
        router.armSwitchBack(back);
        return back;
    }

    /**
     * The post-promotion checks against the live router while the old colour, {@code back}, still runs; a
     * failure flips back at once (the flip was armed before the switch) and removes the promoted colour.
     */
    private void watch(DeploySpec spec, Router router, WaitingColour promoted, AppRoute back, PhaseClock clock) {
        Colour old = back.colour();
        Optional<String> failure = clock.phase(WATCH, promoted.colour(), () -> PromotionChecks.watch(
                promoted.terms().postChecks(), spec.router().reachAddress(), spec.router().publishPort(), spec.app(),
                promoted.terms().watch()), found -> found.map(problem -> "FAILED: " + problem).orElse(
                promoted.terms().postChecks().size() + " check(s) passed for " + promoted.terms().watch().toSeconds() + " s"));
        if (failure.isEmpty()) {
            return;
        }
        Switched switchedBack = switchTo(router, back, clock);
        forgetNewContainers(spec, router);
        new AppContainers(docker, spec.app()).remove(promoted.containerIds());
        String message = "post-promotion check failed on the live router: " + failure.get() + "; switched back to " + old
                + String.format(Locale.ROOT, " in %.3f s", switchedBack.switchTime().toNanos() / 1e9)
                + ", and " + promoted.colour() + " (deploy " + promoted.deployId() + ") is removed";
        log.warn("[" + spec.app() + "] " + message);
        throw new DeployFailedException(spec.app(), WATCH, message, null);
    }

    private void removeWaiting(DeploySpec spec, LockedApp app, WaitingColour waiting, PhaseClock clock) {
        clock.phase(STOP, waiting.colour(), () -> {
            app.router().closePreviews(spec.app());
            forgetNewContainers(spec, app.router());
            new AppContainers(docker, spec.app()).remove(waiting.containerIds());
        });
        log.line("[" + spec.app() + "] aborted: removed the waiting " + waiting.colour() + " (deploy " + waiting.deployId()
                + "); " + app.live().map(colour -> colour + " still serves, untouched").orElse("nothing was serving"));
    }

    private List<HealthTarget> openPreviews(DeploySpec spec, Router router, Colour colour, List<String> ids, String key) {
        List<HealthTarget> previews = new ArrayList<>();
        for (String id : ids) {
            String name = docker.inspectContainerCmd(id).exec().getName().substring(1);
            previews.add(router.openPreview(spec.app(), colour, id, name, spec.containerPort(), key));
        }
        return previews;
    }

    /**
     * Creates the idle colour's containers with {@code labels} besides the usual ones, starts them, proves them
     * healthy while the router stages them beside the live colour, and hands the staged route to
     * {@code afterStaging} (the switch, or the preview). A failure anywhere removes the new containers; the
     * live colour was never touched, and the colour kept for rollback, parked while the new one took its
     * names, is put back, so a rollback after a failed deploy still starts what served before.
     */
    private <T> T startStaged(DeploySpec spec, LockedApp app, ImageFacts image, String deployId, PhaseClock clock,
                              Map<String, String> labels, Set<String> retiredImages,
                              BiFunction<AppRoute, List<String>, T> afterStaging) {
        AppContainers containers = new AppContainers(docker, spec.app());
        Router router = app.router();
        Optional<Colour> live = app.live();
        List<String> created = new ArrayList<>();
        List<Container> parked = new ArrayList<>();
        Colour target = live.map(Colour::other).orElse(Colour.BLUE);
        Optional<String> previousImage = live.flatMap(colour -> containers.of(colour).stream().findFirst())
                .map(Container::getImageId);
        try {
            clock.phase(CREATE, target, () -> {
                retiredImages.addAll(clearColour(spec, router, containers, target, parked));
                created.addAll(containers.create(spec, target, image, deployId, previousImage, router, labels));
            });
            clock.phase(START, target, () -> containers.start(created));
            T staged = afterStaging.apply(healthGateAndStage(spec, router, target, created, image, deployId, clock), created);
            containers.remove(parked.stream().map(Container::getId).toList());
            return staged;
        } catch (DeployFailedException failure) {
            DeployFailedException withTail = withLogTail(failure, created);
            forgetNewContainers(spec, router);
            containers.remove(created);
            containers.unpark(parked);
            log.line("[" + spec.app() + "] removed the new " + target + " containers"
                    + (parked.isEmpty() ? "" : " and put back the kept " + target + " ones") + "; "
                    + live.map(colour -> colour + " still serves, untouched").orElse("nothing was serving"));
            throw withTail;
        }
    }

    /** After the switch to {@code live}: the previous live colour drained and stopped, or, on a first deploy, only prune. */
    private DrainReport retireOrPrune(DeploySpec spec, LockedApp app, Colour live, Set<String> retiredImages,
                                      PhaseClock clock) {
        if (app.live().isPresent()) {
            return retire(spec, app.router(), app.live().get(), live, retiredImages, clock);
        }
        AppContainers containers = new AppContainers(docker, spec.app());
        clock.phase(PRUNE, live, () -> prune(spec, containers, live, Optional.empty(), retiredImages));
        return null;
    }

    /**
     * Waits until every container of {@code colour} is healthy while the router stages the switch
     * beside it; returns the route staged, ready for the flip.
     */
    private AppRoute healthGateAndStage(DeploySpec spec, Router router, Colour colour, List<String> ids,
                                         ImageFacts image, String deployId, PhaseClock clock) {
        List<HealthTarget> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String id : ids) {
            String name = docker.inspectContainerCmd(id).exec().getName().substring(1);
            names.add(name);
            targets.add(router.healthTarget(spec.app(), colour, id, name, spec.containerPort()));
        }
        AppRoute route = new AppRoute(spec.app(), colour, names, spec.containerPort(), image.id(), deployId, probePath(spec),
                spec.health().timeout());
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
        return route;
    }

    /** What a switch took (the flip and its proof), and when it ended. */
    private record Switched(AppRoute route, Duration switchTime, long endedAt) {
    }

    private Switched switchTo(Router router, AppRoute route, PhaseClock clock) {
        long flipAt = System.nanoTime();
        clock.phase(SWITCH, route.colour(), () -> router.switchTo(route));
        long endedAt = System.nanoTime();
        return new Switched(route, Duration.ofNanos(endedAt - flipAt), endedAt);
    }

    private static String probePath(DeploySpec spec) {
        return spec.health().usesDockerHealthcheck() ? "/" : spec.health().path();
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
     * Empties the colour about to receive the deploy. Stopped containers there are the colour kept for
     * rollback: they are parked (added to {@code parked}) until the deploy ends, not removed. Running
     * ones may still be draining (a deploy killed during its drain left them), so they get the drain
     * time first and go. Containers parked by a deploy whose process died go now; the lock is held.
     */
    private Set<String> clearColour(DeploySpec spec, Router router, AppContainers containers, Colour colour,
                                    List<Container> parked) {
        containers.remove(containers.parked().stream().map(Container::getId).toList());
        List<Container> leftovers = containers.of(colour);
        if (leftovers.isEmpty()) {
            return Set.of();
        }
        router.settle(spec.app());
        if (leftovers.stream().noneMatch(AppContainers::isRunning)) {
            containers.park(leftovers);
            parked.addAll(leftovers);
        } else {
            log.line("[" + spec.app() + "] " + colour + " still has running containers (standby, or a deploy that"
                    + " stopped midway); draining them before replacing them: "
                    + router.drain(spec.app(), colour, spec.drainTimeout()).describe());
            containers.remove(leftovers.stream().map(Container::getId).toList());
        }
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

    /** An image the engine has for the app, for the lock container of an operation that deploys none. */
    private static String anyImageOf(String app, AppContainers containers) {
        return containers.all().stream().findFirst().map(Container::getImageId)
                .orElseThrow(() -> new DeployFailedException(app, LOCK, "nothing of this app is deployed on the engine", null));
    }

    private static ImageFacts factsOf(Container container) {
        return new ImageFacts(container.getLabels().getOrDefault(DeployLabels.IMAGE, container.getImage()),
                container.getImageId(), container.getLabels().getOrDefault(DeployLabels.DIGEST, container.getImageId()),
                container.getLabels().getOrDefault(DeployLabels.COMMIT, "unknown"));
    }

    private DeployResult result(DeploySpec spec, String deployId, Colour live, Colour previous, ImageFacts image,
                                PhaseClock clock, Switched switched, long started, DrainReport drain) {
        Duration switchTime = switched.switchTime();
        long untilSwitched = switched.endedAt() - started;
        DeployResult result = new DeployResult(spec.app(), deployId, live, previous, image.reference(), image.commit(),
                image.digest(), clock.durations(), switchTime, Duration.ofNanos(untilSwitched),
                Duration.ofNanos(System.nanoTime() - started), drain);
        log.line(String.format(Locale.ROOT, "[%s] live     %-5s  switch %.3fs  serving after %.2fs  total %.1fs  deploy %s",
                spec.app(), live, switchTime.toNanos() / 1e9, untilSwitched / 1e9, result.total().toNanos() / 1e9, deployId));
        clock.succeeded(result);
        return result;
    }

    static String newDeployId() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DEPLOY_ID_TIME) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }
}
