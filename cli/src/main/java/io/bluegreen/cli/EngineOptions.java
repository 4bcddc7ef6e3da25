package io.bluegreen.cli;

import io.bluegreen.log.OperatorLog;
import io.bluegreen.targets.EngineConnector;
import io.bluegreen.targets.EngineEndpoint;
import com.github.dockerjava.api.DockerClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags that say which Docker engine to talk to; without them, DOCKER_HOST and friends decide. */
public final class EngineOptions {
    @Option(names = "--engine", paramLabel = "URI",
            description = "unix:///var/run/docker.sock or tcp://HOST:2376 (default: DOCKER_HOST)")
    String engine;

    @Mixin
    TlsOptions tls;

    public EngineEndpoint endpoint() {
        if (engine == null) {
            return EngineEndpoint.fromEnvironment(System.getenv());
        }
        return EngineEndpoint.of(engine, tls.material());
    }

    public DockerClient connect(OperatorLog log) {
        return EngineConnector.connect(endpoint(), log);
    }
}
