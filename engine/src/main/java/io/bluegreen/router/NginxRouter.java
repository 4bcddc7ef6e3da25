package io.bluegreen.router;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.bluegreen.clock.Pause;
import io.bluegreen.health.HealthTarget;
import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.ContainerLogTail;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An nginx container on the engine that serves many apps by server name. Staging writes the app's
 * file through the Docker API, lets {@code nginx -t} judge it and reloads only then, all while traffic
 * stays on the live colour; the switch is then a flag flip, proven with a request through the
 * published port. Config changes of every app on this router are serialized by the router's lock,
 * so no {@code nginx -t} or reload ever reads another deploy's half-written file.
 */
public final class NginxRouter implements Router {
    /** The role label of the router container, so a deploy can tell our router from a stranger of the same name. */
    public static final String ROLE = "router";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PROOF_DEADLINE = Duration.ofSeconds(10);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);
    private static final Duration DRAIN_POLL = Duration.ofMillis(100);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\":\"(?:.*: )?([^\"]*)\"");

    private final DockerClient docker;
    private final RouterSettings settings;
    private final OperatorLog log;
    /** Opens the preview of this deploy's new containers to its own health probes, and to nobody else. */
    private final String previewKey = newPreviewKey();
    /** What this router staged, by app, so the switch that follows is the flip alone. */
    private final Map<String, Staged> staged = new ConcurrentHashMap<>();
    /** The flip back to the colour live before a promotion, by app, armed while that colour was still live. */
    private final Map<String, Staged> armedBack = new ConcurrentHashMap<>();

    NginxRouter(DockerClient docker, RouterSettings settings, OperatorLog log) {
        this.docker = docker;
        this.settings = settings;
        this.log = log;
    }

    @Override
    public void prepare(String app, String network) {
        InspectContainerResponse router = inspect().orElseGet(() -> create(network));
        requirePublishedAsAsked(router);
        if (!Boolean.TRUE.equals(router.getState().getRunning())) {
            start(router);
        }
        if (!router.getNetworkSettings().getNetworks().containsKey(network)) {
            docker.connectToNetworkCmd().withContainerId(router.getId()).withNetworkId(network).exec();
        }
        awaitAnswering();
        upgradeMainConfig();
        admit(app);
        repair(app);
    }

    /**
     * A router keeps the port it was made with; a deploy asking for another would otherwise look
     * deployed on a port nothing listens on.
     */
    private void requirePublishedAsAsked(InspectContainerResponse router) {
        Ports.Binding[] bindings = router.getHostConfig().getPortBindings() == null ? null
                : router.getHostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(80));
        String asked = settings.publishAddress() + ":" + settings.publishPort();
        String published = bindings == null || bindings.length == 0 ? "nothing"
                : bindings[0].getHostIp() + ":" + bindings[0].getHostPortSpec();
        InvalidInputException.require(published.equals(asked), "router.port", "router " + settings.name()
                + " publishes on " + published + ", not on " + asked,
                "give the router's own address and port, or another router name, or remove the router to make it anew"
                + " (docker rm -f " + settings.name() + "; every app on it is then routed again by its next deploy)");
    }

    /** A router that cannot take its port (held by a process outside Docker) is removed again, so nothing is left behind. */
    private void start(InspectContainerResponse router) {
        try {
            docker.startContainerCmd(router.getId()).exec();
        } catch (DockerException e) {
            String startedAt = router.getState().getStartedAt();
            if (startedAt == null || startedAt.startsWith("0001-")) {
                docker.removeContainerCmd(router.getId()).withForce(true).exec();
            }
            throw new InvalidInputException("router.port", "router " + settings.name() + " cannot publish on "
                    + settings.publishAddress() + ":" + settings.publishPort() + " (" + engineReason(e) + ")",
                    "choose a free port, or stop what holds it");
        }
    }

    /** The engine's own words from its JSON answer, e.g. "... bind: address already in use". */
    private static String engineReason(DockerException e) {
        Matcher message = ENGINE_MESSAGE.matcher(String.valueOf(e.getMessage()));
        return message.find() ? message.group(1) : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    /** The router's lock: every change of what nginx loads, for any app, runs under it. */
    public static String lockName(String routerName) {
        return "bluegreen-routerlock-" + routerName;
    }

    private EngineLock lock() {
        String image = docker.inspectContainerCmd(settings.name()).exec().getImageId();
        return EngineLock.acquire(docker, lockName(settings.name()), "the config lock of router " + settings.name(),
                Map.of("io.bluegreen.role", "router-lock"), image, "router-" + UUID.randomUUID(), LOCK_WAIT,
                "docker rm -f " + lockName(settings.name()), log);
    }

    /** A router made by an older version gets today's main config (doors, WebSocket upgrades, no fixed default). */
    private void upgradeMainConfig() {
        if (files().read(NginxConfig.MAIN).equals(Optional.of(NginxConfig.main()))) {
            return;
        }
        try (EngineLock held = lock()) {
            Optional<String> previous = files().read(NginxConfig.MAIN);
            if (previous.equals(Optional.of(NginxConfig.main()))) {
                return;
            }
            writeBaseFiles(settings.name());
            files().write(NginxConfig.DIRECTORY, Map.of("nginx.conf", NginxConfig.main()));
            testAndReload("the router's main config", () -> files().write(NginxConfig.DIRECTORY,
                    Map.of("nginx.conf", previous.orElse(""))));
            log.line("router " + settings.name() + ": main config brought up to date");
        }
    }

    /**
     * An app without server names answers every host name on the router; only one app on a router can.
     * Refused here, before anything of the app changes.
     */
    private void admit(String app) {
        if (!settings.serverNames().isEmpty()) {
            return;
        }
        files().readAll(NginxConfig.APPS).forEach((path, config) -> {
            String other = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.conf$", "");
            if (!other.equals(app) && NginxConfig.answersEveryHost(config)) {
                throw new InvalidInputException("router.serverNames", "app " + other + " already answers every host name"
                        + " on router " + settings.name() + ", and only one app can",
                        "give " + app + " its own host names (server names), or deploy it on another router");
            }
        });
        log.line("[" + app + "] no server names given: " + app + " answers every host name on router " + settings.name()
                + " (port " + settings.publishPort() + ")");
    }

    private Optional<InspectContainerResponse> inspect() {
        try {
            return Optional.of(docker.inspectContainerCmd(settings.name()).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private InspectContainerResponse create(String network) {
        try {
            String id = docker.createContainerCmd(settings.image())
                    .withName(settings.name())
                    .withCmd("nginx", "-c", NginxConfig.MAIN, "-g", "daemon off;")
                    .withLabels(Map.of("io.bluegreen.role", ROLE))
                    .withExposedPorts(ExposedPort.tcp(80))
                    .withHostConfig(HostConfig.newHostConfig()
                            .withNetworkMode(network)
                            .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                            .withPortBindings(PortBinding.parse(
                                    settings.publishAddress() + ":" + settings.publishPort() + ":80")))
                    .exec().getId();
            writeBaseFiles(id);
            new ContainerFiles(docker, id).write(NginxConfig.DIRECTORY, Map.of("nginx.conf", NginxConfig.main()));
            log.line("router " + settings.name() + " created from " + settings.image() + ", published on "
                    + settings.publishAddress() + ":" + settings.publishPort());
        } catch (ConflictException raced) {
            log.line("router " + settings.name() + " was created by another deploy at the same moment; using it");
        }
        return docker.inspectContainerCmd(settings.name()).exec();
    }

    /** Our directories, made by writing a file into each (the archive API needs only the root to exist). */
    private void writeBaseFiles(String container) {
        new ContainerFiles(docker, container).write("/", Map.of(
                NginxConfig.APPS.substring(1) + "/README", "one file per app, written by bluegreen\n",
                NginxConfig.LIVE.substring(1) + "/README", "<app>.green exists while green is live\n",
                NginxConfig.PREVIEW_KEYS.substring(1) + "/README",
                "<container>.<port>.<key>: that port of that container answers preview requests carrying the key\n",
                NginxConfig.DOORS.substring(1) + "/README",
                "<app>.<colour>.sock: the door every request to that colour passes; the drain counts them\n"));
    }

    private void awaitAnswering() {
        long deadline = System.nanoTime() + PROOF_DEADLINE.toNanos();
        while (true) {
            try {
                PlainHttp.get(settings.reachAddress(), settings.publishPort(), "bluegreen.invalid", "/", REQUEST_TIMEOUT);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new RouterRejectedException("router " + settings.name() + " does not answer on "
                            + settings.reachAddress() + ":" + settings.publishPort() + ": " + e.getMessage()
                            + "\n" + ContainerLogTail.of(docker, settings.name()));
                }
                pause();
            }
        }
    }

    /** What nginx has loaded for an app: the live colour and the id of the app file. */
    private record Served(Optional<Colour> colour, String configId) {
    }

    private Served served(String app) {
        try {
            HttpAnswer answer = PlainHttp.get(settings.reachAddress(), settings.publishPort(), app,
                    NginxConfig.COLOUR_PATH, REQUEST_TIMEOUT);
            String answeredFor = answer.header(NginxConfig.APP_HEADER);
            if (answeredFor != null && !answeredFor.equals(app)) {
                // The app that answers every host, not this one; files from before that header never do.
                return new Served(Optional.empty(), "");
            }
            String configId = answer.header(NginxConfig.CONFIG_HEADER);
            return new Served(Optional.ofNullable(answer.header(NginxConfig.COLOUR_HEADER)).map(Colour::fromLabel),
                    configId == null ? "" : configId);
        } catch (IOException e) {
            throw new RouterRejectedException("router " + settings.name() + " does not answer on "
                    + settings.reachAddress() + ":" + settings.publishPort() + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<Colour> liveColour(String app) {
        return served(app).colour();
    }

    /**
     * The repair after a deploy killed midway: an app file written but never loaded, or naming
     * containers that no longer run, is replaced by one that routes only to the live colour (the
     * flag decides which that is). A file naming two running colours (a standby) is left alone.
     */
    private void repair(String app) {
        Optional<String> onDisk = appConfig(app);
        if (onDisk.isEmpty()) {
            return;
        }
        Served served = served(app);
        if (served.colour().isEmpty()) {
            log.warn("router file for " + app + " was written but never loaded (a deploy stopped before reloading); removing it");
            removeAppConfig(app);
        } else if (!served.configId().equals(NginxConfig.configId(onDisk.get()))) {
            log.warn("router file for " + app + " differs from what nginx loaded (a deploy stopped before reloading);"
                    + " routing only to the live colour " + served.colour().get());
            settle(app);
        } else if (!NginxConfig.servers(onDisk.get()).values().stream().flatMap(List::stream).allMatch(this::isRunning)) {
            settle(app);
        }
    }

    private boolean isRunning(String server) {
        try {
            return Boolean.TRUE.equals(docker.inspectContainerCmd(server.substring(0, server.lastIndexOf(':')))
                    .exec().getState().getRunning());
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Leaves only the live colour in the app's file (both upstreams list its containers), loaded. */
    @Override
    public void settle(String app) {
        Optional.ofNullable(staged.remove(app)).ifPresent(Staged::disarm);
        Optional.ofNullable(armedBack.remove(app)).ifPresent(Staged::disarm);
        Optional<String> onDisk = appConfig(app);
        Optional<Colour> live = onDisk.isPresent() ? liveColour(app) : Optional.empty();
        if (live.isEmpty()) {
            return;
        }
        List<String> liveServers = NginxConfig.servers(onDisk.get()).getOrDefault(live.get(), List.of());
        String settled = NginxConfig.withServers(onDisk.get(), Map.of(Colour.BLUE, liveServers, Colour.GREEN, liveServers));
        if (!settled.equals(onDisk.get())) {
            apply(app, settled);
        }
    }

    @Override
    public HealthTarget healthTarget(String app, Colour colour, String containerId, String containerName, int containerPort) {
        return openPreview(app, colour, containerId, containerName, containerPort, previewKey);
    }

    @Override
    public HealthTarget openPreview(String app, Colour colour, String containerId, String containerName, int containerPort,
                                    String key) {
        files().write("/", Map.of(NginxConfig.PREVIEW_KEYS.substring(1) + "/" + containerName + "." + containerPort + "."
                + key, ""));
        return new HealthTarget(containerId, containerName, settings.reachAddress(), settings.publishPort(),
                NginxConfig.previewHost(containerName, containerPort), Map.of(NginxConfig.PREVIEW_HEADER, key));
    }

    /** The host name that reaches one container through the router's published port, given its preview key. */
    public static String previewHost(String containerName, int containerPort) {
        return NginxConfig.previewHost(containerName, containerPort);
    }

    /** The request header that carries a preview key. */
    public static String previewHeader() {
        return NginxConfig.PREVIEW_HEADER;
    }

    /** A new preview key: 128 random bits, as the router's preview server accepts. */
    public static String newPreviewKey() {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    @Override
    public void openPreviewPort(String app, String containerName, int containerPort, String key, String address, int port) {
        PreviewPort.open(docker, settings, app, containerName, containerPort, key, address, port);
    }

    @Override
    public void requirePreviewPortFree(String app, int port) {
        PreviewPort.requireFree(docker, settings, app, port);
    }

    @Override
    public void closePreviews(String app) {
        String keys = NginxConfig.PREVIEW_KEYS + "/" + app;
        ContainerExec.run(docker, settings.name(), "sh", "-c",
                "rm -f " + keys + "-blue-[0-9]*.* " + keys + "-green-[0-9]*.*");
        PreviewPort.close(docker, settings, app);
    }

    @Override
    public Optional<Integer> hostPort(Colour colour) {
        return Optional.empty();
    }

    /**
     * Loads a file in which the new colour's upstream lists its containers while the flag still
     * points at the live colour, and waits until no worker with the old file accepts connections.
     * When nginx already has exactly that file (a standby colour), there is nothing to do. A first
     * deploy has nothing to keep serving, and a loaded file would route to a colour not yet proven
     * healthy, so its file is loaded by the switch instead.
     */
    @Override
    public void stage(AppRoute route) {
        if (appConfig(route.app()).isPresent()) {
            // Armed first: the engine takes a while to start the shell, and loading the file gives it that while.
            ArmedFlip flip = ArmedFlip.arm(docker, settings.name(), flagCommand(route.app(), route.colour()));
            ContainerExec.run(docker, settings.name(), "rm", "-f", NginxConfig.endedFlag(route.app(), route.colour()));
            Staged loaded;
            try {
                loaded = load(route);
            } catch (RuntimeException e) {
                flip.close();
                throw e;
            }
            loaded.arm(flip);
            Optional.ofNullable(staged.put(route.app(), loaded)).ifPresent(Staged::disarm);
        }
    }

    /** The back route is loaded already (its colour is live), so only the flip is made ready; a failed proof flips forward again. */
    @Override
    public void armSwitchBack(AppRoute back) {
        Staged ready = new Staged(back, Optional.of(back.colour().other()));
        ready.arm(ArmedFlip.arm(docker, settings.name(), flagCommand(back.app(), back.colour())));
        Optional.ofNullable(armedBack.put(back.app(), ready)).ifPresent(Staged::disarm);
    }

    /** Loads the route beside the live colour; returns the live colour it kept (empty on a first deploy). */
    private Staged load(AppRoute route) {
        Optional<String> onDisk = appConfig(route.app());
        Served served = onDisk.isPresent() ? served(route.app()) : new Served(Optional.empty(), "");
        Optional<Colour> live = served.colour();
        List<String> newServers = route.containerNames().stream().map(name -> name + ":" + route.containerPort()).toList();
        List<String> liveServers = live.filter(colour -> colour != route.colour())
                .map(colour -> NginxConfig.servers(onDisk.get()).getOrDefault(colour, newServers))
                .orElse(newServers);
        String config = NginxConfig.app(route.app(),
                Map.of(route.colour(), newServers, route.colour().other(), liveServers), settings);
        boolean alreadyLoaded = onDisk.equals(Optional.of(config)) && served.configId().equals(NginxConfig.configId(config));
        if (!alreadyLoaded) {
            apply(route.app(), config);
        }
        return new Staged(route, live);
    }

    /** A route loaded beside the colour that was live then, and the flip made ready for it. */
    private static final class Staged {
        private final AppRoute route;
        private final Optional<Colour> live;
        private ArmedFlip flip;

        Staged(AppRoute route, Optional<Colour> live) {
            this.route = route;
            this.live = live;
        }

        void arm(ArmedFlip armed) {
            flip = armed;
        }

        /** Flips through the armed shell; false when there was none or it could not. */
        boolean flip() {
            boolean flipped = flip != null && flip.flip(REQUEST_TIMEOUT);
            disarm();
            return flipped;
        }

        void disarm() {
            if (flip != null) {
                flip.close();
                flip = null;
            }
        }
    }

    /**
     * Flips the flag: every worker sends the next request to the new colour. Staged by
     * {@link #stage} during the health gate; loaded here when it was not, so a switch never flips to a
     * colour nginx has not loaded. When the proof fails, traffic goes back where it was: to the
     * previous colour, or, on a first deploy, nowhere (the app's file goes, so no file on the router
     * names containers the failed deploy is about to remove).
     */
    @Override
    public void switchTo(AppRoute route) {
        Staged earlier = staged.remove(route.app());
        if (earlier != null && !earlier.route.equals(route)) {
            earlier.disarm();
        }
        Staged back = armedBack.get(route.app()) != null && armedBack.get(route.app()).route.equals(route)
                ? armedBack.remove(route.app()) : null;
        Staged loaded = earlier != null && earlier.route.equals(route) ? earlier : back != null ? back : load(route);
        if (!loaded.flip()) {
            flag(route.app(), route.colour());
        }
        try {
            proveServing(route);
        } catch (RouterRejectedException notServing) {
            if (loaded.live.isPresent()) {
                flag(route.app(), loaded.live.get());
            } else {
                try (EngineLock held = lock()) {
                    removeAppConfig(route.app());
                    testAndReload("the router without " + route.app(), () -> { });
                }
            }
            throw notServing;
        }
    }

    /**
     * Counts the connections open on the colour's door: one per request routed to it and not yet
     * answered. Zero twice in a row (the second look covers a request that chose the colour just
     * before the flip and was about to connect) ends the drain; so does the timeout.
     */
    @Override
    public DrainReport drain(String app, Colour colour, Duration timeout) {
        // Draining the old colour means the switch stands: no switch back is wanted any more.
        Optional.ofNullable(armedBack.remove(app)).ifPresent(Staged::disarm);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        if (!appConfig(app).map(NginxConfig::hasDoors).orElse(false)) {
            Pause.of(timeout);
            return DrainReport.timed(timeout);
        }
        int atSwitch = inFlight(app, colour);
        int running = atSwitch;
        int zeros = running == 0 ? 1 : 0;
        while (zeros < 2 && System.nanoTime() < deadline) {
            Pause.of(Duration.ofNanos(Math.min(DRAIN_POLL.toNanos(), deadline - System.nanoTime())));
            running = inFlight(app, colour);
            zeros = running == 0 ? zeros + 1 : 0;
        }
        int ended = zeros >= 2 ? 0 : running;
        if (ended > 0) {
            ContainerExec.run(docker, settings.name(), "sh", "-c", "echo ended > " + NginxConfig.endedFlag(app, colour));
        }
        return new DrainReport(atSwitch, ended, Duration.ofNanos(System.nanoTime() - start), timeout, true);
    }

    /** Connections accepted on the colour's door and still open (state 03, connected, in /proc/net/unix). */
    private int inFlight(String app, Colour colour) {
        ContainerExec.Result sockets = ContainerExec.run(docker, settings.name(), "cat", "/proc/net/unix");
        if (!sockets.succeeded()) {
            throw new RouterRejectedException("cannot read the router's open connections: " + sockets.output());
        }
        String door = NginxConfig.door(app, colour);
        return (int) sockets.output().lines()
                .map(line -> line.trim().split("\\s+"))
                .filter(fields -> fields.length >= 8 && fields[7].equals(door) && fields[5].equals("03"))
                .count();
    }

    /**
     * Writes the app's file, lets {@code nginx -t} judge it, reloads; any failure puts the previous
     * file back. All under the router's lock, so the file nginx judges is never another app's half.
     */
    private void apply(String app, String config) {
        try (EngineLock held = lock()) {
            Optional<String> previous = appConfig(app);
            writeAppConfig(app, config);
            testAndReload("the config for " + app, () -> restore(app, previous));
        }
    }

    /** {@code nginx -t}, then a reload once no old worker accepts; on any failure {@code undo} runs first. */
    private void testAndReload(String what, Runnable undo) {
        ContainerExec.Result test = nginx("-t");
        if (!test.succeeded()) {
            undo.run();
            throw new RouterRejectedException("nginx -t rejected " + what
                    + "; the previous config is back and still serving:\n" + test.output());
        }
        Set<String> acceptingWorkers = acceptingWorkers();
        ContainerExec.Result reload = nginx("-s", "reload");
        if (!reload.succeeded()) {
            undo.run();
            throw new RouterRejectedException("nginx -s reload failed for " + what + ":\n" + reload.output());
        }
        awaitRetired(acceptingWorkers);
    }

    private void flag(String app, Colour live) {
        ContainerExec.run(docker, settings.name(), "sh", "-c", flagCommand(app, live));
    }

    /** The shell command that makes {@code live} the app's live colour: the green flag made, or removed. */
    private static String flagCommand(String app, Colour live) {
        return live == Colour.GREEN ? "echo live > " + NginxConfig.greenFlag(app) : "rm -f " + NginxConfig.greenFlag(app);
    }

    /**
     * Process ids of the workers that accept connections now. nginx's master starts the new
     * workers and only about 100 ms later tells the old ones to stop accepting; until then both
     * serve, so a switch must not move traffic before the old ones have been told.
     */
    private Set<String> acceptingWorkers() {
        ContainerExec.Result processes = ContainerExec.run(docker, settings.name(), "sh", "-c",
                "cd /proc && for p in [0-9]*; do [ -r $p/cmdline ] && echo \"$p $(tr '\\0' ' ' < $p/cmdline)\"; done");
        return processes.output().lines()
                .filter(line -> line.trim().endsWith("nginx: worker process"))
                .map(line -> line.substring(0, line.indexOf(' ')))
                .collect(Collectors.toSet());
    }

    private void awaitRetired(Set<String> oldWorkers) {
        long deadline = System.nanoTime() + PROOF_DEADLINE.toNanos();
        while (true) {
            Set<String> stillAccepting = acceptingWorkers();
            stillAccepting.retainAll(oldWorkers);
            if (stillAccepting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new RouterRejectedException("nginx kept its old workers after the reload (the new config did not"
                        + " load):\n" + ContainerLogTail.of(docker, settings.name()));
            }
            pause();
        }
    }

    private ContainerExec.Result nginx(String... arguments) {
        String[] command = new String[arguments.length + 3];
        command[0] = "nginx";
        command[1] = "-c";
        command[2] = NginxConfig.MAIN;
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        return ContainerExec.run(docker, settings.name(), command);
    }

    private Optional<String> appConfig(String app) {
        return files().read(NginxConfig.APPS + "/" + NginxConfig.appFile(app));
    }

    private void writeAppConfig(String app, String content) {
        files().write(NginxConfig.APPS, Map.of(NginxConfig.appFile(app), content));
    }

    private ContainerFiles files() {
        return new ContainerFiles(docker, settings.name());
    }

    private void restore(String app, Optional<String> previous) {
        if (previous.isPresent()) {
            writeAppConfig(app, previous.get());
        } else {
            removeAppConfig(app);
        }
    }

    private void removeAppConfig(String app) {
        ContainerExec.run(docker, settings.name(), "rm", "-f", NginxConfig.APPS + "/" + NginxConfig.appFile(app));
    }

    /** Polls through the published port until the live server answers with the new colour's header. */
    private void proveServing(AppRoute route) {
        long deadline = System.nanoTime() + PROOF_DEADLINE.plus(route.healthTimeout()).toNanos();
        String lastSeen = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                HttpAnswer answer = PlainHttp.get(settings.reachAddress(), settings.publishPort(), route.app(),
                        route.healthPath(), route.healthTimeout());
                String colour = answer.header(NginxConfig.COLOUR_HEADER);
                if (route.colour().label().equals(colour) && answer.status() < 500) {
                    return;
                }
                lastSeen = answer.status() + " from colour " + colour;
            } catch (IOException e) {
                lastSeen = e.toString();
            }
            pause();
        }
        throw new RouterRejectedException("after the switch, " + route.app() + " still does not answer from "
                + route.colour() + " through the router (last: " + lastSeen + ")");
    }

    private static void pause() {
        Pause.of(Duration.ofMillis(20));
    }
}
