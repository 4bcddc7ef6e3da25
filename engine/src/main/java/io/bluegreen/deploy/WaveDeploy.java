package io.bluegreen.deploy;

import static io.bluegreen.deploy.HostOutcome.State.DEPLOYED;
import static io.bluegreen.deploy.HostOutcome.State.FAILED;
import static io.bluegreen.deploy.HostOutcome.State.NOT_REACHED;
import static io.bluegreen.deploy.HostOutcome.State.REVERTED;
import static io.bluegreen.deploy.HostOutcome.State.SKIPPED;
import static io.bluegreen.deploy.HostOutcome.State.UNREACHABLE;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.bluegreen.clock.Pause;
import io.bluegreen.image.ImagePuller;
import io.bluegreen.image.ImageReference;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.targets.EngineConnector;
import io.bluegreen.targets.EngineUnreachableException;
import io.bluegreen.targets.Host;
import io.bluegreen.targets.HostConnections;
import io.bluegreen.targets.HostsTarget;
import io.bluegreen.targets.Parallel;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A blue-green deploy over many hosts, in waves, top to bottom:
 * <ol>
 *   <li>connect: every host's engine at once, each within the ping deadline; a host that does not
 *       answer is named, and the plan says whether the rollout stops here (nothing changed) or goes on without it;</li>
 *   <li>prepare: every host pulls the image (and the router's, if missing) and checks the spec, so
 *       bad input and a missing image stop the rollout before any host changes;</li>
 *   <li>lock: every host's lock, one deploy id for all, in the order of host names, so two rollouts
 *       sharing hosts queue at the first shared host instead of each holding a lock the other needs;</li>
 *   <li>waves: the canary alone, then the plan's waves; the hosts of one wave run the single-host
 *       blue-green deploy at once, one thread and connection each. A host is asked whether it still
 *       answers before its deploy and again when its deploy fails, so "went away" is told apart from "failed";</li>
 *   <li>stop: after a wave with a failed (or, under FAIL, unreachable) host no further wave starts,
 *       and the hosts this rollout switched are rolled back (REVERT) or left as they are (LEAVE).</li>
 * </ol>
 * Each host keeps the single-host guarantees: traffic moves only to a colour proven healthy, and a
 * failed host still serves what it served before.
 * <p>
 * A rollback runs the same way, with the single-host rollback in place of the deploy: each host goes back
 * to the colour it served before, canary first, and a failure stops it and puts the hosts already rolled
 * back forward again (REVERT) or leaves them (LEAVE).
 * <p>
 * Promotion takes two steps. {@link #deployWithoutSwitch} brings every host up to the switch at once (no
 * traffic moves, so there are no waves): the new colour waits on each host's preview, on all of them or, after
 * a failure, on none. {@link #promote} then runs in waves like a rollout, with the single-host promote (its
 * checks before and after the switch) in each host's place.
 */
public final class WaveDeploy {
    private final HostsTarget target;
    private final RolloutPlan plan;
    private final OperatorLog log;
    private final List<WaveListener> listeners = new CopyOnWriteArrayList<>();
    private final List<DeployListener> deployListeners = new CopyOnWriteArrayList<>();
    private RegistryCredentials credentials = RegistryCredentials.anonymous();

    public WaveDeploy(HostsTarget target, RolloutPlan plan, OperatorLog log) {
        this.target = target;
        this.plan = plan;
        this.log = log;
    }

    public WaveDeploy withWaveListener(WaveListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Told once for the whole change (not per host): started when every host passed its checks, then
     * succeeded with the lead host's result, or the rollout stopped.
     */
    public WaveDeploy withListener(DeployListener listener) {
        deployListeners.add(listener);
        return this;
    }

    /** Who the hosts are to the registry when they pull the image. */
    public WaveDeploy withRegistryCredentials(RegistryCredentials credentials) {
        this.credentials = credentials;
        return this;
    }

    /** Deploys {@code spec} to every host of the target, each host's router reached at that host's address. */
    public RolloutResult deploy(DeploySpec spec) {
        return run(Verb.DEPLOY, onEachHost(spec));
    }

    /**
     * Switches every host of the target back to the colour it served before its last deploy, in the
     * plan's waves; {@code spec}'s image is unused (each host has its own).
     */
    public RolloutResult rollback(DeploySpec spec) {
        return run(Verb.ROLLBACK, onEachHost(spec));
    }

    /**
     * Switches every host of the target to the colour waiting there for promotion (each with its pre-checks on
     * its preview and its post-checks after the switch), canary first, in the plan's waves. A failed host stops
     * it: hosts already promoted are switched back or left, as the plan says, and the colours still waiting on
     * the hosts not reached are removed, so no host is left waiting on a promotion that stopped.
     */
    public RolloutResult promote(DeploySpec spec) {
        return run(Verb.PROMOTE, onEachHost(spec));
    }

    /**
     * Every host up to the switch at once, under one deploy id: the new colour waits, healthy, on each host's
     * preview, and traffic stays where it was. Every host must answer, and a host that fails stops it and removes
     * the colours already waiting on the others, so a target never waits half-way. Returns the canary's waiting
     * colour: its preview stands for the target's, and {@link #promote} then goes in the plan's waves.
     */
    public WaitingColour deployWithoutSwitch(DeploySpec spec, PromotionTerms terms) {
        terms.validate();
        Function<Host, DeploySpec> specFor = onEachHost(spec);
        Rollout rollout = new Rollout(Verb.WAIT, spec.app(), BlueGreenDeploy.newDeployId(), 1);
        log.line(rollout.tag() + Verb.WAIT.noun + " " + rollout.deployId + " on " + target.size() + " host(s) at once: "
                + names(target.hosts()));
        int atOnce = target.size();
        try (HostConnections connections = HostConnections.open(target, log)) {
            if (!connections.unreachable().isEmpty()) {
                throw rollout.stopped("cannot reach " + names(List.copyOf(connections.unreachable().keySet()))
                        + ", and a colour waits for promotion on every host or on none; nothing was changed on any host", null);
            }
            Parallel.each(target.hosts(), atOnce, host -> prepare(rollout, host, connections.client(host), specFor.apply(host)));
            tell(listener -> listener.started(spec.app(), spec.commit()));
            Map<Host, WaitingColour> waiting = new ConcurrentHashMap<>();
            long started = System.nanoTime();
            Parallel.each(target.hosts(), atOnce, host -> {
                try {
                    waiting.put(host, new BlueGreenDeploy(connections.client(host), prefixed(host)).withDeployId(rollout.deployId)
                            .deployWithoutSwitch(specFor.apply(host), terms));
                    rollout.record(HostOutcome.waiting(host.name()));
                } catch (RuntimeException failure) {
                    rollout.record(new HostOutcome(host.name(), FAILED, null, failure.getMessage()));
                }
                return null;
            });
            rollout.waveDurations.add(Duration.ofNanos(System.nanoTime() - started));
            if (rollout.mustStop()) {
                removeWaiting(rollout, connections, List.copyOf(waiting.keySet()), specFor, atOnce).forEach(host ->
                        rollout.record(new HostOutcome(host.name(), REVERTED, null, "its waiting colour was removed")));
                HostOutcome cause = rollout.result().hosts().stream().filter(o -> o.state() == FAILED).findFirst().orElseThrow();
                RolloutFailedException stopped = rollout.stopped(cause.host() + " failed: " + cause.problem(), null);
                tell(listener -> listener.rolloutStopped(stopped));
                throw stopped;
            }
            WaitingColour lead = waiting.get(target.hosts().get(0));
            String preview = preview(lead, spec.router());
            log.line(rollout.tag() + "waiting  " + lead.colour() + " on " + target.size() + " host(s) for promote or abort until "
                    + lead.deadline() + ", then " + terms.atDeadline().label() + "; the canary's preview: " + preview);
            tell(listener -> listener.awaitingPromotion(lead, preview));
            return lead;
        }
    }

    /** Removes the colour waiting for promotion on every host that has one; traffic stays where it is. */
    public void abort(DeploySpec spec) {
        Function<Host, DeploySpec> specFor = onEachHost(spec);
        Rollout rollout = new Rollout(Verb.WAIT, spec.app(), BlueGreenDeploy.newDeployId(), 1);
        try (HostConnections connections = HostConnections.open(target, log)) {
            List<Host> waiting = hostsWaiting(connections, spec);
            if (waiting.isEmpty()) {
                throw new DeployFailedException(spec.app(), Phase.LOCK, "no colour of " + spec.app() + " awaits promotion on any"
                        + " host it could reach" + unreachableNote(connections), null);
            }
            removeWaiting(rollout, connections, waiting, specFor, target.size());
            if (!connections.unreachable().isEmpty()) {
                throw new DeployFailedException(spec.app(), Phase.LOCK, "removed the waiting colour on " + names(waiting)
                        + unreachableNote(connections) + "; abort again once they answer", null);
            }
        }
    }

    /** The canary's preview: its colour stands for the target's while it waits. */
    public String preview(WaitingColour waiting, RouterSettings router) {
        return waiting.previewCommand(target.hosts().get(0).address(), router.publishPort());
    }

    /** The colour waiting on the first host that has one, in the target's order. */
    public Optional<WaitingColour> awaiting(String app, RouterSettings router) {
        try (HostConnections connections = HostConnections.open(target, log)) {
            return target.hosts().stream().filter(connections::reached)
                    .map(host -> waitingOn(connections.client(host), host, app, router)).flatMap(Optional::stream).findFirst();
        }
    }

    /**
     * Waits until another process promotes or aborts {@code waiting}, as the canary shows it, or its deadline
     * comes: then promotes or aborts every host as its terms say. Returns whether it went live.
     */
    public boolean awaitDecision(DeploySpec spec, WaitingColour waiting) {
        Host canary = target.hosts().get(0);
        DeploySpec onCanary = spec.reachedAt(canary.address());
        Optional<Boolean> decided;
        try (DockerClient docker = EngineConnector.connect(canary.engine(), log)) {
            decided = new AppInspector(docker).awaitDecision(onCanary.router(), waiting, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return decided.orElseGet(() -> waiting.decideAtDeadline(() -> promote(spec), () -> abort(spec)));
    }

    private List<Host> hostsWaiting(HostConnections connections, DeploySpec spec) {
        return target.hosts().stream().filter(connections::reached)
                .filter(host -> waitingOn(connections.client(host), host, spec.app(), spec.router()).isPresent()).toList();
    }

    /** The colour of {@code app} waiting on {@code host}, read through that host's router. */
    private static Optional<WaitingColour> waitingOn(DockerClient docker, Host host, String app, RouterSettings router) {
        return new AppInspector(docker).awaiting(app, router.reachedAt(host.address()));
    }

    private static String unreachableNote(HostConnections connections) {
        return connections.unreachable().isEmpty() ? ""
                : "; not reached: " + names(List.copyOf(connections.unreachable().keySet()));
    }

    /**
     * Aborts the colour waiting on each of {@code hosts} and returns those where it is gone; one that cannot be
     * removed is named, and the others still are.
     */
    private List<Host> removeWaiting(Rollout rollout, HostConnections connections, List<Host> hosts,
                                     Function<Host, DeploySpec> specFor, int atOnce) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        log.line(rollout.tag() + "removing the colour waiting for promotion on " + names(hosts));
        return Parallel.each(hosts, atOnce, host -> {
            try {
                new BlueGreenDeploy(connections.client(host), prefixed(host)).withDeployId(rollout.deployId).abort(specFor.apply(host));
                return Optional.of(host);
            } catch (RuntimeException e) {
                log.warn(rollout.tag() + host + ": its waiting colour could not be removed (" + e.getMessage()
                        + "); it goes at its deadline, or run abort there");
                return Optional.<Host>empty();
            }
        }).stream().flatMap(Optional::stream).toList();
    }

    /** One copy per host, so the hosts deployed at once never share a spec's mutable settings. */
    private static Function<Host, DeploySpec> onEachHost(DeploySpec spec) {
        return host -> spec.reachedAt(host.address());
    }

    /** What the waves do on each host. */
    private enum Verb {
        DEPLOY("rollout", "deployed", BlueGreenDeploy::deploy),
        ROLLBACK("rollback", "rolled back", BlueGreenDeploy::rollback),
        PROMOTE("promotion", "promoted", BlueGreenDeploy::promote),
        /** Up to the switch on every host at once (see {@link #deployWithoutSwitch}); not run in waves. */
        WAIT("deploy without the switch", "waiting", null);

        final String noun;
        /** What the log calls a host this switched, so a rollback's lines say what happened to it. */
        final String switched;
        final BiFunction<BlueGreenDeploy, DeploySpec, DeployResult> onHost;

        Verb(String noun, String switched, BiFunction<BlueGreenDeploy, DeploySpec, DeployResult> onHost) {
            this.noun = noun;
            this.switched = switched;
            this.onHost = onHost;
        }

        String label(HostOutcome.State state) {
            return state == DEPLOYED ? switched : state.label();
        }

        /** Only a new image has to be pulled; the other verbs work with what each host already runs. */
        boolean bringsImage() {
            return this == DEPLOY || this == WAIT;
        }
    }

    private RolloutResult run(Verb verb, Function<Host, DeploySpec> specFor) {
        try {
            RolloutResult result = inWaves(verb, specFor);
            result.lead().ifPresent(lead -> tell(listener -> listener.succeeded(lead)));
            return result;
        } catch (RolloutFailedException stopped) {
            tell(listener -> listener.rolloutStopped(stopped));
            throw stopped;
        }
    }

    private RolloutResult inWaves(Verb verb, Function<Host, DeploySpec> specFor) {
        List<List<Host>> waves = plan.waves(target.hosts());
        DeploySpec first = specFor.apply(target.hosts().get(0));
        Rollout rollout = new Rollout(verb, first.app(), BlueGreenDeploy.newDeployId(), waves.size());
        log.line(rollout.tag() + verb.noun + " " + rollout.deployId + " on " + target.size() + " host(s) in " + waves.size()
                + " wave(s) (" + plan + "): " + waves.stream().map(WaveDeploy::names).collect(Collectors.joining(" | ")));
        int connectionsAtOnce = waves.stream().mapToInt(List::size).max().orElse(1);
        try (HostConnections connections = HostConnections.open(target, log)) {
            connections.unreachable().forEach((host, why) -> rollout.record(unreachable(host, why, "before the rollout began")));
            if (!connections.unreachable().isEmpty() && plan.onUnreachable() == RolloutPlan.OnUnreachable.FAIL) {
                throw rollout.stopped("cannot reach " + connections.unreachable().entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue().getMessage() + ")").collect(Collectors.joining(", "))
                        + "; nothing was changed on any host", null);
            }
            List<Host> reached = target.hosts().stream().filter(connections::reached).toList();
            Parallel.each(reached, connectionsAtOnce, host -> prepare(rollout, host, connections.client(host), specFor.apply(host)));
            tell(listener -> listener.started(first.app(), verb == Verb.DEPLOY ? first.commit() : null));
            Map<Host, EngineLock> locks = lockInHostNameOrder(rollout, connections, reached, specFor);
            try {
                for (List<Host> wave : waves) {
                    runWave(rollout, wave, connections, specFor);
                    if (rollout.mustStop()) {
                        stop(rollout, connections, specFor, connectionsAtOnce);
                    }
                }
            } finally {
                release(rollout, locks);
            }
        }
        RolloutResult result = rollout.result();
        if (result.hostsIn(DEPLOYED).isEmpty()) {
            throw rollout.stopped("no host could be reached, so none was " + verb.switched, null);
        }
        log.line(rollout.tag() + verb.noun + " " + rollout.deployId + " " + result.status().name().toLowerCase(Locale.ROOT)
                + ": " + result.hostsIn(DEPLOYED).size() + " " + verb.switched + ", " + result.hostsIn(SKIPPED).size() + " skipped"
                + seconds(result.total()));
        return result;
    }

    /**
     * Pulls what the host needs and checks the spec there; changes nothing the app serves. A rollback
     * pulls nothing: each host goes back to what it ran, so it only needs the app to be there.
     */
    private Void prepare(Rollout rollout, Host host, DockerClient docker, DeploySpec spec) {
        long started = System.nanoTime();
        if (!rollout.verb.bringsImage()) {
            try {
                spec.validateWithoutImage(docker);
                // A host without the app refuses here, before any host has changed, rather than at its lock.
                lockImage(rollout, host, docker, spec);
                if (rollout.verb == Verb.PROMOTE && waitingOn(docker, host, spec.app(), spec.router()).isEmpty()) {
                    throw rollout.stopped("no colour of " + spec.app() + " waits for promotion on " + host
                            + "; nothing was changed on any host", null);
                }
            } catch (InvalidInputException e) {
                log.line(rollout.tag() + host + ": bad input, nothing was changed on any host: " + e.getMessage());
                throw e;
            }
            return null;
        }
        try {
            ImagePuller puller = new ImagePuller(docker, OperatorLog.silent());
            puller.pull(ImageReference.parse(spec.image(), "image"), credentials);
            if (spec.router().isNginx()) {
                puller.pullIfAbsent(spec.router().image(), "router.image", credentials);
            }
            spec.validate(docker);
        } catch (InvalidInputException e) {
            log.line(rollout.tag() + host + ": bad input, nothing was changed on any host: " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            throw rollout.stopped(host + " could not be prepared (" + e.getMessage() + "); nothing was changed on any host", e);
        }
        log.line(rollout.tag() + String.format(Locale.ROOT, "%-16s pulled        %s", host, spec.image())
                + seconds(Duration.ofNanos(System.nanoTime() - started)));
        return null;
    }

    private Map<Host, EngineLock> lockInHostNameOrder(Rollout rollout, HostConnections connections, List<Host> reached,
                                                      Function<Host, DeploySpec> specFor) {
        Map<Host, EngineLock> locks = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (Host host : target.inLockOrder()) {
            if (!reached.contains(host)) {
                continue;
            }
            DeploySpec spec = specFor.apply(host);
            try {
                locks.put(host, DeployLock.acquire(connections.client(host), spec.app(),
                        lockImage(rollout, host, connections.client(host), spec), rollout.deployId, spec.lockWait(), prefixed(host)));
            } catch (RuntimeException e) {
                release(rollout, locks);
                throw rollout.stopped(host + ": " + e.getMessage() + "; nothing was changed on any host", e);
            }
        }
        log.line(rollout.tag() + "locked " + locks.size() + " hosts" + seconds(Duration.ofNanos(System.nanoTime() - started)));
        return locks;
    }

    /** The image the lock container is made of: one the host has, which unless it brings a new one is the app's own. */
    private static String lockImage(Rollout rollout, Host host, DockerClient docker, DeploySpec spec) {
        if (rollout.verb.bringsImage()) {
            return spec.image();
        }
        return new AppContainers(docker, spec.app()).all().stream().findFirst().map(Container::getImageId)
                .orElseThrow(() -> new InvalidInputException("app", "nothing of " + spec.app() + " is deployed on " + host
                        + ", so it has nothing to roll back to", "leave " + host + " out of the target, or deploy there first"));
    }

    private void runWave(Rollout rollout, List<Host> wave, HostConnections connections, Function<Host, DeploySpec> specFor) {
        int number = rollout.startWave(plan.pause(), log);
        long started = System.nanoTime();
        List<HostOutcome> outcomes = Parallel.each(wave, wave.size(), host -> connections.reached(host)
                ? deployOn(rollout, host, connections, specFor.apply(host))
                : rollout.outcome(host));
        outcomes.forEach(outcome -> {
            rollout.record(outcome);
            log.line(rollout.tag() + outcome.line(rollout.verb.label(outcome.state())));
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        rollout.waveDurations.add(took);
        log.line(rollout.tag() + "wave " + number + "/" + rollout.waveCount + "  " + names(wave) + "  "
                + outcomes.stream().collect(Collectors.groupingBy(o -> rollout.verb.label(o.state()), LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                + seconds(took));
        listeners.forEach(listener -> listener.waveFinished(number, outcomes));
    }

    private HostOutcome deployOn(Rollout rollout, Host host, HostConnections connections, DeploySpec spec) {
        EngineUnreachableException goneBefore = connections.stillUnreachable(host).orElse(null);
        if (goneBefore != null) {
            return unreachable(host, goneBefore, "before its deploy began; nothing on it was changed");
        }
        try {
            BlueGreenDeploy single = new BlueGreenDeploy(connections.client(host), prefixed(host)).withDeployId(rollout.deployId);
            return HostOutcome.deployed(host.name(), rollout.verb.onHost.apply(single, spec));
        } catch (RuntimeException failure) {
            return connections.stillUnreachable(host)
                    .map(gone -> unreachable(host, gone, "during its deploy; check its status when it is back"))
                    .orElseGet(() -> new HostOutcome(host.name(), FAILED, null, failure.getMessage()));
        }
    }

    /** No further wave starts; hosts this rollout switched are rolled back or left, as the plan says. */
    private void stop(Rollout rollout, HostConnections connections, Function<Host, DeploySpec> specFor, int atOnce) {
        List<Host> switched = target.hosts().stream().filter(host -> rollout.outcome(host).state() == DEPLOYED).toList();
        if (plan.onFailure() == RolloutPlan.OnFailure.REVERT && !switched.isEmpty()) {
            log.line(rollout.tag() + "reverting " + names(switched) + " to the colour they served before this " + rollout.verb.noun);
            Parallel.each(switched, atOnce, host -> revert(rollout, host, connections.client(host), specFor.apply(host)))
                    .forEach(outcome -> {
                        rollout.record(outcome);
                        log.line(rollout.tag() + outcome.line(rollout.verb.label(outcome.state())));
                    });
        } else if (!switched.isEmpty()) {
            log.line(rollout.tag() + "leaving " + names(switched) + (rollout.verb == Verb.ROLLBACK ? " rolled back"
                    : " on the new version") + ", as the plan says");
        }
        if (rollout.verb == Verb.PROMOTE) {
            removeWaiting(rollout, connections, target.hosts().stream()
                    .filter(host -> rollout.outcome(host).state() == NOT_REACHED).toList(), specFor, atOnce);
        }
        HostOutcome cause = rollout.result().hosts().stream()
                .filter(outcome -> outcome.state() == FAILED || outcome.state() == UNREACHABLE).findFirst().orElseThrow();
        throw rollout.stopped(cause.host() + " " + rollout.verb.label(cause.state()) + ": " + cause.problem(), null);
    }

    private HostOutcome revert(Rollout rollout, Host host, DockerClient docker, DeploySpec spec) {
        HostOutcome deployed = rollout.outcome(host);
        try {
            return deployed.reverted(new BlueGreenDeploy(docker, prefixed(host)).withDeployId(rollout.deployId).rollback(spec));
        } catch (RuntimeException e) {
            return deployed.revertFailed(e.getMessage());
        }
    }

    /** A lock on a host that went away stays until the host is back; say how it will be freed. */
    private void release(Rollout rollout, Map<Host, EngineLock> locks) {
        locks.forEach((host, lock) -> {
            try {
                lock.close();
            } catch (RuntimeException e) {
                log.warn(rollout.tag() + "could not release the lock on " + host + " (" + e.getMessage() + "); when it is back,"
                        + " the next deploy from this machine takes it over once this process has ended, or run there:"
                        + " bluegreen unlock --force " + rollout.app);
            }
        });
    }

    private HostOutcome unreachable(Host host, EngineUnreachableException why, String when) {
        boolean skip = plan.onUnreachable() == RolloutPlan.OnUnreachable.SKIP;
        return new HostOutcome(host.name(), skip ? SKIPPED : UNREACHABLE, null, "went away " + when + ": " + why.getMessage());
    }

    private void tell(Consumer<DeployListener> event) {
        deployListeners.forEach(listener -> PhaseClock.notifyQuietly(log, () -> event.accept(listener)));
    }

    private OperatorLog prefixed(Host host) {
        return line -> log.line("[" + host + "] " + line);
    }

    private static String names(List<Host> hosts) {
        return hosts.stream().map(Host::name).collect(Collectors.joining(", "));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "  %.1fs", duration.toNanos() / 1e9);
    }

    /** The state of one rollout as it goes: each host's outcome so far, and the waves run. */
    private final class Rollout {
        final Verb verb;
        final String app;
        final String deployId;
        final int waveCount;
        final long started = System.nanoTime();
        final Map<String, HostOutcome> outcomes = new LinkedHashMap<>();
        final List<Duration> waveDurations = new ArrayList<>();

        Rollout(Verb verb, String app, String deployId, int waveCount) {
            this.verb = verb;
            this.app = app;
            this.deployId = deployId;
            this.waveCount = waveCount;
            target.hosts().forEach(host -> outcomes.put(host.name(), HostOutcome.notReached(host.name())));
        }

        String tag() {
            return "[" + app + "] ";
        }

        int startWave(Duration pause, OperatorLog log) {
            if (!waveDurations.isEmpty() && !pause.isZero()) {
                log.line(tag() + "pause " + pause.toSeconds() + " s before wave " + (waveDurations.size() + 1));
                Pause.of(pause);
            }
            return waveDurations.size() + 1;
        }

        synchronized void record(HostOutcome outcome) {
            outcomes.put(outcome.host(), outcome);
        }

        synchronized HostOutcome outcome(Host host) {
            return outcomes.get(host.name());
        }

        synchronized boolean mustStop() {
            return outcomes.values().stream().anyMatch(o -> o.state() == FAILED || o.state() == UNREACHABLE);
        }

        synchronized RolloutResult result() {
            List<HostOutcome> hosts = List.copyOf(outcomes.values());
            RolloutResult.Status status = mustStop() || hosts.stream().anyMatch(o -> o.state() != DEPLOYED && o.state() != SKIPPED)
                    ? RolloutResult.Status.STOPPED
                    : hosts.stream().anyMatch(o -> o.state() == SKIPPED) ? RolloutResult.Status.COMPLETE_EXCEPT_SKIPPED
                    : RolloutResult.Status.COMPLETE;
            return new RolloutResult(app, deployId, status, hosts, List.copyOf(waveDurations),
                    Duration.ofNanos(System.nanoTime() - started));
        }

        RolloutFailedException stopped(String why, Throwable cause) {
            RolloutResult result = result();
            String message = tag() + verb.noun + " " + deployId + " stopped"
                    + (waveDurations.isEmpty() ? " before any host was changed" : " in wave " + waveDurations.size() + "/" + waveCount)
                    + ": " + why + summary(result);
            log.line(message);
            return new RolloutFailedException(result, message, cause);
        }

        private String summary(RolloutResult result) {
            StringBuilder summary = new StringBuilder();
            for (HostOutcome.State state : HostOutcome.State.values()) {
                List<String> hosts = result.hostsIn(state);
                if (!hosts.isEmpty()) {
                    summary.append("; ").append(verb.label(state)).append(": ").append(String.join(", ", hosts));
                }
            }
            return summary.toString();
        }
    }

}
