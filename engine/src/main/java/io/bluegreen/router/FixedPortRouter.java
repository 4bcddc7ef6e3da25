package io.bluegreen.router;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.bluegreen.clock.Pause;
import io.bluegreen.health.HealthTarget;
import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For teams with their own load balancer: blue always publishes on one host port, green on another,
 * and nothing here edits a proxy. The live colour is recorded in the engine as a marker container
 * ({@code bluegreen-route-<app>-<colour>}, created, never started), so any machine can read it.
 */
public final class FixedPortRouter implements Router {
    static final String ROLE = "route";

    private final DockerClient docker;
    private final RouterSettings settings;

    FixedPortRouter(DockerClient docker, RouterSettings settings) {
        this.docker = docker;
        this.settings = settings;
    }

    @Override
    public void prepare(String app, String network) {
        // Nothing to create: the team's load balancer already points at both ports.
    }

    @Override
    public void settle(String app) {
        // The team's load balancer health-checks both ports itself; a stopped colour simply fails its checks.
    }

    @Override
    public Optional<Colour> liveColour(String app) {
        return markers(app).stream()
                .max(Comparator.comparingLong(Container::getCreated))
                .map(marker -> Colour.fromLabel(marker.getLabels().get("io.bluegreen.colour")));
    }

    private List<Container> markers(String app) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.bluegreen.role", ROLE, "io.bluegreen.app", app)).exec();
    }

    @Override
    public HealthTarget healthTarget(String app, Colour colour, String containerId, String containerName, int containerPort) {
        return new HealthTarget(containerId, containerName, settings.reachAddress(), settings.portOf(colour), app);
    }

    /** The colour's own port is its preview, open to whoever reaches it: the team's load balancer guards it, not a key. */
    @Override
    public HealthTarget openPreview(String app, Colour colour, String containerId, String containerName, int containerPort,
                                    String key) {
        return healthTarget(app, colour, containerId, containerName, containerPort);
    }

    @Override
    public void armSwitchBack(AppRoute back) {
        // Its switch writes the marker and reloads nothing: there is no slow part to make ready.
    }

    @Override
    public void openPreviewPort(String app, String containerName, int containerPort, String key, String address, int port) {
        throw noPreviewPort();
    }

    @Override
    public void requirePreviewPortFree(String app, int port) {
        throw noPreviewPort();
    }

    private static InvalidInputException noPreviewPort() {
        return new InvalidInputException("promotion.previewPort", "fixed-port routing has no preview of its own: each"
                + " colour's port is its preview", "leave the preview port out, or use the nginx router");
    }

    @Override
    public void closePreviews(String app) {
        // Each colour's own port is its preview; nothing was opened.
    }

    @Override
    public Optional<Integer> hostPort(Colour colour) {
        return Optional.of(settings.portOf(colour));
    }

    @Override
    public void stage(AppRoute route) {
        // The new colour serves on its own port from the start; there is nothing to prepare.
    }

    /** The team's load balancer sees the requests, not us; so the old colour gets the whole timeout. */
    @Override
    public DrainReport drain(String app, Colour colour, Duration timeout) {
        Pause.of(timeout);
        return DrainReport.timed(timeout);
    }

    /** The new colour already serves on its port; the marker moves only once a request there proves it. */
    @Override
    public void switchTo(AppRoute route) {
        proveServing(route);
        String name = "bluegreen-route-" + route.app() + "-" + route.colour().label();
        removeQuietly(name);
        docker.createContainerCmd(route.image()).withName(name).withCmd("true")
                .withLabels(Map.of("io.bluegreen.role", ROLE, "io.bluegreen.app", route.app(),
                        "io.bluegreen.colour", route.colour().label(), "io.bluegreen.deploy-id", route.deployId()))
                .exec();
        removeQuietly("bluegreen-route-" + route.app() + "-" + route.colour().other().label());
    }

    private void proveServing(AppRoute route) {
        int port = settings.portOf(route.colour());
        try {
            HttpAnswer answer = PlainHttp.get(settings.reachAddress(), port, route.app(), route.healthPath(), route.healthTimeout());
            if (answer.status() >= 500) {
                throw new RouterRejectedException(route.colour() + " answers " + answer.status() + " on port " + port);
            }
        } catch (IOException e) {
            throw new RouterRejectedException(route.colour() + " does not answer on port " + port + ": " + e.getMessage());
        }
    }

    private void removeQuietly(String container) {
        try {
            docker.removeContainerCmd(container).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // nothing to remove
        }
    }
}
