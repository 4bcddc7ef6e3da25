package io.bluegreen.cli;

import io.bluegreen.log.OperatorLog;
import io.bluegreen.target.EngineConnector;
import io.bluegreen.target.EngineEndpoint;
import io.bluegreen.target.TlsMaterial;
import io.bluegreen.validation.InvalidInputException;
import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags that say which Docker engine to talk to; without them, DOCKER_HOST and friends decide. */
public final class EngineOptions {
    @Option(names = "--engine", paramLabel = "URI",
            description = "unix:///var/run/docker.sock or tcp://HOST:2376 (default: DOCKER_HOST)")
    String engine;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "CA that signed the engine's certificate")
    Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "client certificate")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "client key")
    Path tlsKey;

    public EngineEndpoint endpoint() {
        if (engine == null) {
            return EngineEndpoint.fromEnvironment(System.getenv());
        }
        boolean anyTls = tlsCa != null || tlsCert != null || tlsKey != null;
        InvalidInputException.require(!anyTls || (tlsCa != null && tlsCert != null && tlsKey != null),
                "--tls-ca/--tls-cert/--tls-key", "only some of the three were given", "give all three files, or none");
        return EngineEndpoint.of(engine, anyTls ? TlsMaterial.fromFiles(tlsCa, tlsCert, tlsKey) : null);
    }

    public DockerClient connect(OperatorLog log) {
        return EngineConnector.connect(endpoint(), log);
    }
}
