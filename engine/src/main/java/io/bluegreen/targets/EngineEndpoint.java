package io.bluegreen.targets;

import io.bluegreen.validation.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where one Docker engine listens and how to prove who we are to it. A target is a list of these
 * (or a Swarm manager), never a connection wired into the code.
 */
public record EngineEndpoint(URI uri, TlsMaterial tls) {

    public static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";

    public EngineEndpoint {
        String scheme = uri.getScheme();
        InvalidInputException.require("unix".equals(scheme) || "tcp".equals(scheme), "engine",
                "'" + uri + "' is neither unix:// nor tcp://",
                "give unix:///var/run/docker.sock or tcp://HOST:2376");
        if ("tcp".equals(scheme)) {
            InvalidInputException.require(uri.getHost() != null && uri.getPort() > 0, "engine",
                    "'" + uri + "' has no host and port", "give tcp://HOST:2376");
        }
        InvalidInputException.require(tls == null || "tcp".equals(scheme), "tls",
                "TLS material was given for a unix socket", "drop the TLS settings or use tcp://HOST:2376");
    }

    public static EngineEndpoint of(String uri) {
        return of(uri, null);
    }

    public static EngineEndpoint of(String uri, TlsMaterial tls) {
        InvalidInputException.require(uri != null && !uri.isBlank(), "engine", "is empty",
                "give unix:///var/run/docker.sock or tcp://HOST:2376");
        try {
            return new EngineEndpoint(new URI(uri.trim()), tls);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("engine", "'" + uri + "' is not a URI (" + e.getReason() + ")",
                    "give unix:///var/run/docker.sock or tcp://HOST:2376");
        }
    }

    /** What the docker CLI would use: DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH. */
    public static EngineEndpoint fromEnvironment(Map<String, String> env) {
        String host = env.getOrDefault("DOCKER_HOST", "");
        String uri = host.isBlank() ? DEFAULT_SOCKET : host;
        String verify = env.getOrDefault("DOCKER_TLS_VERIFY", "");
        if (verify.isEmpty() || verify.equals("0")) {
            return of(uri);
        }
        String certPath = env.getOrDefault("DOCKER_CERT_PATH", "");
        Path dir = certPath.isBlank() ? Path.of(System.getProperty("user.home"), ".docker") : Path.of(certPath);
        return of(uri, TlsMaterial.fromDirectory(dir));
    }

    /** Plain TCP hands root on the engine's host to anyone who can reach the port. */
    public boolean isPlainTcp() {
        return "tcp".equals(uri.getScheme()) && tls == null;
    }

    /** A short name for log lines: the host for TCP engines, the socket path otherwise. */
    public String label() {
        return "tcp".equals(uri.getScheme()) ? uri.getHost() + ":" + uri.getPort() : uri.getPath();
    }

    @Override
    public String toString() {
        return uri + (tls == null ? "" : " (TLS)");
    }
}
