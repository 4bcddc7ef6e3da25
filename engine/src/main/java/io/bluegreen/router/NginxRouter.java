package io.bluegreen.router;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.RestartPolicy;
import io.bluegreen.health.HealthTarget;
import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.log.ContainerLogTail;
import io.bluegreen.log.OperatorLog;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An nginx container on the engine that serves many apps by server name. A switch writes the
 * app's file through the Docker API, lets {@code nginx -t} judge it, reloads only then, and proves
 * with a request through the published port that the new colour answers.
 */
public final class NginxRouter implements Router {
    static final String ROLE = "router";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PROOF_DEADLINE = Duration.ofSeconds(10);

    private final DockerClient docker;
    private final RouterSettings settings;
    private final OperatorLog log;

    NginxRouter(DockerClient docker, RouterSettings settings, OperatorLog log) {
        this.docker = docker;
        this.settings = settings;
        this.log = log;
    }

    @Override
    public void prepare(String app, String network) {
        InspectContainerResponse router = inspect().orElseGet(() -> create(network));
        if (!Boolean.TRUE.equals(router.getState().getRunning())) {
            docker.startContainerCmd(router.getId()).exec();
        }
        if (!router.getNetworkSettings().getNetworks().containsKey(network)) {
            docker.connectToNetworkCmd().withContainerId(router.getId()).withNetworkId(network).exec();
        }
        awaitAnswering();
        repairUnreloadedConfig(app);
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
            new ContainerFiles(docker, id).write("/etc", Map.of(
                    "bluegreen/nginx.conf", NginxConfig.main(),
                    "bluegreen/apps/README", "one file per app, written by bluegreen\n"));
            log.line("router " + settings.name() + " created from " + settings.image() + ", published on "
                    + settings.publishAddress() + ":" + settings.publishPort());
        } catch (ConflictException raced) {
            log.line("router " + settings.name() + " was created by another deploy at the same moment; using it");
        }
        return docker.inspectContainerCmd(settings.name()).exec();
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

    /**
     * A deploy killed between writing the app's file and reloading leaves a file that nginx has not
     * loaded; the next reload (any app's) would activate a colour nobody health-checked. Every
     * switch first saves the loaded file as {@code <app>.served}, so this puts it back.
     */
    private void repairUnreloadedConfig(String app) {
        Optional<Colour> onDisk = appConfig(app).flatMap(NginxConfig::colourOf);
        Optional<Colour> served = liveColour(app);
        if (onDisk.equals(served)) {
            return;
        }
        log.warn("router file for " + app + " points at " + onDisk.map(Colour::label).orElse("nothing")
                + " but nginx serves " + served.map(Colour::label).orElse("nothing")
                + " (an earlier deploy stopped before reloading); restoring the served file");
        Optional<String> saved = files().read(NginxConfig.APPS + "/" + NginxConfig.servedFile(app));
        restore(app, served.isPresent() ? saved.filter(text -> NginxConfig.colourOf(text).equals(served)) : Optional.empty());
        ContainerExec.Result test = nginx("-t");
        if (!test.succeeded()) {
            throw new RouterRejectedException("the restored router file for " + app + " fails nginx -t:\n" + test.output());
        }
    }

    @Override
    public Optional<Colour> liveColour(String app) {
        try {
            HttpAnswer answer = PlainHttp.get(settings.reachAddress(), settings.publishPort(), app,
                    NginxConfig.COLOUR_PATH, REQUEST_TIMEOUT);
            return Optional.ofNullable(answer.header(NginxConfig.COLOUR_HEADER)).map(Colour::fromLabel);
        } catch (IOException e) {
            throw new RouterRejectedException("router " + settings.name() + " does not answer on "
                    + settings.reachAddress() + ":" + settings.publishPort() + ": " + e.getMessage());
        }
    }

    @Override
    public HealthTarget healthTarget(String app, Colour colour, String containerId, String containerName, int containerPort) {
        return new HealthTarget(containerId, containerName, settings.reachAddress(), settings.publishPort(),
                NginxConfig.previewHost(containerName, containerPort));
    }

    @Override
    public Optional<Integer> hostPort(Colour colour) {
        return Optional.empty();
    }

    @Override
    public void switchTo(AppRoute route) {
        Optional<String> previous = appConfig(route.app());
        previous.ifPresent(loaded -> files().write(NginxConfig.APPS, Map.of(NginxConfig.servedFile(route.app()), loaded)));
        writeAppConfig(route.app(), NginxConfig.app(route, settings));
        ContainerExec.Result test = nginx("-t");
        if (!test.succeeded()) {
            restore(route.app(), previous);
            throw new RouterRejectedException("nginx -t rejected the config for " + route.app()
                    + "; the previous config is back and still serving:\n" + test.output());
        }
        ContainerExec.Result reload = nginx("-s", "reload");
        if (!reload.succeeded()) {
            restore(route.app(), previous);
            throw new RouterRejectedException("nginx -s reload failed for " + route.app() + ":\n" + reload.output());
        }
        proveServing(route);
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
            ContainerExec.run(docker, settings.name(), "rm", "-f", NginxConfig.APPS + "/" + NginxConfig.appFile(app));
        }
    }

    /** Polls through the published port until the live server answers with the new colour's header. */
    private void proveServing(AppRoute route) {
        long deadline = System.nanoTime() + PROOF_DEADLINE.toNanos();
        String lastSeen = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                HttpAnswer answer = PlainHttp.get(settings.reachAddress(), settings.publishPort(), route.app(),
                        route.healthPath(), REQUEST_TIMEOUT);
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
        throw new RouterRejectedException("after the reload, " + route.app() + " still does not answer from "
                + route.colour() + " through the router (last: " + lastSeen + ")");
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
