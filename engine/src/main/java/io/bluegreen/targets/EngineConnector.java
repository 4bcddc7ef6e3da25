package io.bluegreen.targets;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.nio.file.AccessDeniedException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens docker-java clients. Every connection starts with a ping under a short deadline, so a dead
 * or firewalled engine is reported in seconds instead of hanging a build.
 */
public final class EngineConnector {

    public static final Duration PING_DEADLINE = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private EngineConnector() {
    }

    public static DockerClient connect(EngineEndpoint endpoint, OperatorLog log) {
        if (endpoint.isPlainTcp()) {
            log.warn("engine " + endpoint.uri() + " is plain TCP without TLS: anyone who reaches that port"
                    + " is root on the host; use tcp://HOST:2376 with TLS");
        }
        ping(endpoint);
        return client(endpoint, null);
    }

    /**
     * Throws {@link EngineUnreachableException} unless the engine answers within {@link #PING_DEADLINE},
     * or {@link InvalidInputException} when the engine's socket is not ours to open: that is fixed by
     * whoever runs us, not by waiting for the engine.
     */
    public static void ping(EngineEndpoint endpoint) {
        try (DockerClient probe = client(endpoint, PING_DEADLINE)) {
            probe.pingCmd().exec();
        } catch (IOException | RuntimeException e) {
            InvalidInputException.require(!permissionDenied(e), "engine", "permission denied on " + endpoint.uri(),
                    "run as root or as a member of the group that owns the socket (usually docker), or use an engine"
                            + " over tcp://HOST:2376 with TLS");
            throw new EngineUnreachableException(endpoint, reason(endpoint, e), e);
        }
    }

    private static boolean permissionDenied(Throwable e) {
        Throwable root = rootCause(e);
        return root instanceof AccessDeniedException
                || String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT).contains("permission denied");
    }

    private static DockerClient client(EngineEndpoint endpoint, Duration responseTimeout) {
        // TLS lives in the HTTP transport below (sslConfig). Verification switched on here would make
        // docker-java demand a DOCKER_CERT_PATH directory, which material given as text does not have.
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.uri().toString())
                .withDockerTlsVerify(false)
                .build();
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(endpoint.uri())
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(50);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        if (endpoint.tls() != null) {
            TlsMaterial tls = endpoint.tls();
            http.sslConfig(() -> sslContext(tls));
        }
        DockerHttpClient httpClient = http.build();
        return DockerClientImpl.getInstance(config, httpClient);
    }

    static SSLContext sslContext(TlsMaterial tls) {
        try {
            KeyStore keys = PemKeyStores.keyStore(tls.keyPem(), tls.certPem());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PemKeyStores.KEY_PASSWORD);
            KeyStore trust = PemKeyStores.trustStore(tls.caPem());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("TLS material cannot be used: " + e.getMessage(), e);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String reason(EngineEndpoint endpoint, Throwable e) {
        Throwable root = rootCause(e);
        String message = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return endpoint.tls() != null && droppedAfterConnecting(root)
                ? message + "; the engine took the connection and dropped it, which is how it refuses a client"
                        + " certificate that its --tlscacert did not sign"
                : message;
    }

    /**
     * Under TLS 1.3 the engine checks our certificate after the handshake has finished on our side,
     * so a refusal reaches us as a dropped connection (broken pipe, reset) or a late alert.
     */
    private static boolean droppedAfterConnecting(Throwable root) {
        boolean neverConnected = root instanceof ConnectException || root instanceof NoRouteToHostException;
        boolean alert = root instanceof SSLHandshakeException && String.valueOf(root.getMessage()).contains("alert");
        return (root instanceof SocketException && !neverConnected) || alert;
    }
}
