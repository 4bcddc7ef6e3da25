package io.bluegreen.cli;

import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.health.HealthCheckSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How the app's containers run and prove health: shared by deploy and rollback. */
public final class SpecOptions {
    @Mixin
    AppOptions app;

    @Option(names = "--port", paramLabel = "PORT", description = "port the app listens on in the container", defaultValue = "80")
    int containerPort;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "environment (repeatable)")
    List<String> env = new ArrayList<>();

    @Option(names = {"-v", "--bind"}, paramLabel = "HOST:CONTAINER[:ro]", description = "bind mount or volume (repeatable)")
    List<String> binds = new ArrayList<>();

    @Option(names = "--network", description = "network the colours and the router share (default: "
            + DeploySpec.DEFAULT_NETWORK + "; on a Swarm: " + DeploySpec.DEFAULT_SWARM_NETWORK + ")")
    String network;

    @Option(names = "--replicas", defaultValue = "1", description = "containers per colour (default: ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--health-path", paramLabel = "PATH", defaultValue = "/",
            description = "GET this until it answers an accepted status (default: ${DEFAULT-VALUE})")
    String healthPath;

    @Option(names = "--health-status", paramLabel = "CODE", split = ",", defaultValue = "200",
            description = "accepted status codes (default: ${DEFAULT-VALUE})")
    List<Integer> healthStatuses;

    @Option(names = "--docker-healthcheck", description = "wait for the image's own HEALTHCHECK instead of HTTP")
    boolean dockerHealthcheck;

    @Option(names = "--health-deadline", paramLabel = "SECONDS", defaultValue = "60")
    long healthDeadlineSeconds;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "the longest the old colour keeps running for requests routed to it to finish; the router"
                    + " counts them, so an idle app stops at once; 0: don't wait (default: ${DEFAULT-VALUE})")
    long drainTimeoutSeconds;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "10")
    long stopTimeoutSeconds;

    @Option(names = "--keep", defaultValue = "1", description = "previous colours kept for rollback: 1 or 0")
    int keep;

    @Option(names = "--standby", description = "keep the previous colour running, so rollback is instant")
    boolean standby;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "60")
    long lockWaitSeconds;

    DeploySpec spec(String image) {
        HealthCheckSpec health = dockerHealthcheck ? HealthCheckSpec.dockerHealthcheck() : HealthCheckSpec.http(healthPath)
                .withAcceptedStatuses(healthStatuses.toArray(Integer[]::new));
        DeploySpec spec = image == null ? DeploySpec.forRollback(app.app) : DeploySpec.of(app.app, image);
        return spec.withContainerPort(containerPort)
                .withEnv(env.toArray(String[]::new))
                .withBinds(binds.toArray(String[]::new))
                .withNetwork(network)
                .withReplicas(replicas)
                .withHealth(health.withDeadline(Duration.ofSeconds(healthDeadlineSeconds)))
                .withDrainTimeout(Duration.ofSeconds(drainTimeoutSeconds))
                .withStopTimeout(Duration.ofSeconds(stopTimeoutSeconds))
                .withKeep(keep)
                .withStandby(standby)
                .withLockWait(Duration.ofSeconds(lockWaitSeconds))
                .withRouter(app.router());
    }
}
