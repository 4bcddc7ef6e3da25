package io.bluegreen.cli;

import io.bluegreen.targets.TlsMaterial;
import io.bluegreen.validation.InvalidInputException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The client TLS files for engines over TCP; with several hosts they apply to every host. */
public final class TlsOptions {
    @Option(names = "--tls-ca", paramLabel = "FILE", description = "CA that signed the engine's certificate")
    Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "client certificate")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "client key")
    Path tlsKey;

    /** The material, or null when no TLS flag was given. */
    TlsMaterial material() {
        boolean anyTls = tlsCa != null || tlsCert != null || tlsKey != null;
        InvalidInputException.require(!anyTls || (tlsCa != null && tlsCert != null && tlsKey != null),
                "--tls-ca/--tls-cert/--tls-key", "only some of the three were given", "give all three files, or none");
        return anyTls ? TlsMaterial.fromFiles(tlsCa, tlsCert, tlsKey) : null;
    }
}
