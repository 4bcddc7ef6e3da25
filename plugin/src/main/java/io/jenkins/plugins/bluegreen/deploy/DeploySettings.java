package io.jenkins.plugins.bluegreen.deploy;

import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.router.RouterSettings;
import io.jenkins.plugins.bluegreen.targets.DeployTarget;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import java.time.Duration;

/**
 * The settings of one app's deploys on one target, with the step's build variables already
 * expanded. Kept in the build record so a rollback from the job page runs against the same router,
 * host names and health check; the app's environment is deliberately not kept (it may hold secrets).
 */
public final class DeploySettings {
    private final String app;
    private final int containerPort;
    private final String healthPath;
    private final Integer healthTimeoutSeconds;
    private final String routerImage;
    private final Integer routerPort;
    private final String serverNames;

    public DeploySettings(String app, int containerPort, String healthPath, Integer healthTimeoutSeconds,
                          String routerImage, Integer routerPort, String serverNames) {
        this.app = app;
        this.containerPort = containerPort;
        this.healthPath = healthPath;
        this.healthTimeoutSeconds = healthTimeoutSeconds;
        this.routerImage = routerImage;
        this.routerPort = routerPort;
        this.serverNames = serverNames;
    }

    public String getApp() {
        return app;
    }

    /**
     * The spec for a deploy of {@code image}, or for a rollback when it is null (the engine then takes
     * the image it kept): the step's values first, then the target's, then the engine's defaults.
     */
    public DeploySpec spec(ResolvedTarget target, String image) {
        DeployTarget configured = target.settings();
        String path = healthPath != null ? healthPath : configured == null ? null : configured.getHealthPath();
        Integer deadline = healthTimeoutSeconds != null ? healthTimeoutSeconds
                : configured == null ? null : configured.getHealthTimeoutSeconds();
        HealthCheckSpec health = HealthCheckSpec.http(path == null ? "/" : path);
        if (deadline != null) {
            health.withDeadline(Duration.ofSeconds(deadline));
        }
        RouterSettings router = RouterSettings.nginx().withReachAddress(target.reachAddress());
        if (serverNames != null) {
            router.withServerNames(serverNames.trim().split("[\\s,]+"));
        }
        if (configured != null) {
            router.withName(configured.getRouterName());
        }
        String nginxImage = routerImage != null ? routerImage : configured == null ? null : configured.getRouterImage();
        if (nginxImage != null) {
            router.withImage(nginxImage);
        }
        Integer port = routerPort != null ? routerPort : configured == null ? null : configured.getRouterPort();
        if (port != null) {
            router.withPublish(configured == null ? router.publishAddress() : configured.getRouterAddress(), port);
        }
        DeploySpec spec = DeploySpec.of(app, image).withContainerPort(containerPort).withHealth(health).withRouter(router);
        if (configured != null && configured.getDrainTimeoutSeconds() != null) {
            spec.withDrainTimeout(Duration.ofSeconds(configured.getDrainTimeoutSeconds()));
        }
        return spec;
    }
}
