package io.bluegreen.targets;

import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The client side of a TLS connection to a Docker engine: the CA that signed the engine's
 * certificate, and our client certificate and key, all as PEM text. Jenkins hands these over
 * as credentials (text), the CLI as files, so both roads end here.
 */
public record TlsMaterial(String caPem, String certPem, String keyPem) {

    public TlsMaterial {
        requirePem(caPem, "tls.ca", "CERTIFICATE");
        requirePem(certPem, "tls.cert", "CERTIFICATE");
        requirePem(keyPem, "tls.key", "PRIVATE KEY");
    }

    /** Reads {@code ca.pem}, {@code cert.pem} and {@code key.pem}, the layout of DOCKER_CERT_PATH. */
    public static TlsMaterial fromDirectory(Path dir) {
        return fromFiles(dir.resolve("ca.pem"), dir.resolve("cert.pem"), dir.resolve("key.pem"));
    }

    public static TlsMaterial fromFiles(Path ca, Path cert, Path key) {
        return new TlsMaterial(read(ca, "tls.ca"), read(cert, "tls.cert"), read(key, "tls.key"));
    }

    private static String read(Path file, String field) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException(field, "cannot read " + file + " (" + e.getMessage() + ")",
                    "give a readable PEM file");
        }
    }

    private static void requirePem(String pem, String field, String kind) {
        InvalidInputException.require(pem != null && pem.contains("-----BEGIN") && pem.contains(kind),
                field, "is not PEM text containing a " + kind,
                "give the PEM file or its text, starting with -----BEGIN");
    }

    @Override
    public String toString() {
        return "TlsMaterial[ca, cert, key]";
    }
}
