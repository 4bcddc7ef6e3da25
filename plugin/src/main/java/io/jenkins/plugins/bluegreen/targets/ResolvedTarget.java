package io.jenkins.plugins.bluegreen.targets;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.deploy.EngineTarget;
import io.bluegreen.deploy.ManyHostsTarget;
import io.bluegreen.deploy.Target;
import io.bluegreen.deploy.swarm.SwarmTarget;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.targets.EngineConnector;
import io.bluegreen.targets.EngineEndpoint;
import io.bluegreen.targets.HostsTarget;

/**
 * Where a step works: the engine, the registry login, and the configured target it came from
 * ({@code settings} is null when the step gave an engine URI instead of a target name). A target of
 * kind hosts also has its {@code hosts}; its {@code endpoint} is then the first host's (the canary's).
 */
public record ResolvedTarget(String name, EngineEndpoint endpoint, RegistryCredentials registry, DeployTarget settings,
                             HostsTarget hosts) {

    /** Which of the engine's deploys this target takes; a bare engine URI is one engine. */
    public DeployTarget.Kind kind() {
        return settings == null ? DeployTarget.Kind.ENGINE : settings.kind();
    }

    public DockerClient connect(OperatorLog log) {
        return EngineConnector.connect(endpoint, log);
    }

    /**
     * The engine's target of this kind, on which every deploy verb is the same call: the one place the
     * plugin's kind becomes the engine's. Connects, except for many hosts, which connect per verb.
     */
    public Target open(OperatorLog log) {
        return switch (kind()) {
            case HOSTS -> new ManyHostsTarget(label(), hosts, settings.rolloutPlan(), log);
            case SWARM -> new SwarmTarget(connect(log), label(), log);
            case ENGINE -> new EngineTarget(connect(log), label(), log);
        };
    }

    /** How the target shows up in logs, badges and history: its name, or the engine's address. */
    public String label() {
        return name != null ? name : endpoint.label();
    }

    /** Where this machine reaches ports the engine publishes: the engine's host, or loopback for a local socket. */
    public String reachAddress() {
        return "tcp".equals(endpoint.uri().getScheme()) ? endpoint.uri().getHost() : "127.0.0.1";
    }
}
