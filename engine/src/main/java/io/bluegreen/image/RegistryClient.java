package io.bluegreen.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few calls of the registry HTTP API (distribution spec) that a retag needs: read a manifest,
 * write it under another tag, ask for a tag's digest. Handles both registry logins: HTTP Basic
 * and the Bearer token flow ({@code WWW-Authenticate: Bearer realm=...}) of GitLab and Docker Hub.
 */
public final class RegistryClient {

    /** Every manifest kind a single image or a multi-platform one can have, Docker's and OCI's. */
    static final List<String> MANIFEST_MEDIA_TYPES = List.of(
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registry;
    private final URI base;
    private final RegistryCredentials credentials;
    private final HttpClient http;
    private final Map<String, String> authorizationByScope = new ConcurrentHashMap<>();

    public RegistryClient(String registry, String scheme, RegistryCredentials credentials) {
        this.registry = registry;
        this.base = URI.create(scheme + "://" + apiHost(registry));
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** A client with the scheme Docker itself would use for {@code registry}. */
    public static RegistryClient of(String registry, RegistryCredentials credentials) {
        return new RegistryClient(registry, defaultScheme(registry), credentials);
    }

    /**
     * Docker talks plain HTTP to registries on loopback (they are "insecure" by default) and HTTPS to
     * every other one; anything else needs an explicit scheme.
     */
    public static String defaultScheme(String registry) {
        String host = registry.replaceFirst(":[0-9]+$", "");
        boolean loopback = host.equals("localhost") || host.matches("127\\.[0-9]+\\.[0-9]+\\.[0-9]+") || host.equals("[::1]");
        return loopback ? "http" : "https";
    }

    private static String apiHost(String registry) {
        return registry.equals(ImageReference.DEFAULT_REGISTRY) ? "registry-1.docker.io" : registry;
    }

    public String registry() {
        return registry;
    }

    RegistryCredentials credentials() {
        return credentials;
    }

    /** The manifest {@code reference} (a tag or digest) names, or empty when the registry has no such tag. */
    public Optional<Manifest> manifest(String path, String reference) {
        HttpRequest request = manifestRequest(path, reference)
                .header("Accept", String.join(", ", MANIFEST_MEDIA_TYPES)).GET().build();
        HttpResponse<byte[]> response = send(request, path, "pull");
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        requireSuccess(response, "reading " + path + ":" + reference);
        String mediaType = response.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", "").trim();
        return Optional.of(new Manifest(mediaType, response.body()));
    }

    /** The digest of what {@code reference} names now, or empty when it names nothing. */
    public Optional<String> digest(String path, String reference) {
        return manifest(path, reference).map(Manifest::digest);
    }

    /** Stores {@code manifest} under {@code tag}; returns the digest the registry reports for it. */
    public String putManifest(String path, String tag, Manifest manifest) {
        HttpRequest request = manifestRequest(path, tag).header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())).build();
        HttpResponse<byte[]> response = send(request, path, "pull,push");
        requireSuccess(response, "writing " + path + ":" + tag);
        return response.headers().firstValue("Docker-Content-Digest").orElse(manifest.digest());
    }

    private HttpRequest.Builder manifestRequest(String path, String reference) {
        return HttpRequest.newBuilder(base.resolve("/v2/" + path + "/manifests/" + reference)).timeout(REQUEST_TIMEOUT);
    }

    private HttpResponse<byte[]> send(HttpRequest request, String path, String actions) {
        String scope = "repository:" + path + ":" + actions;
        String known = authorizationByScope.get(scope);
        // A cached login can expire mid-run, so any 401 earns one fresh login and one retry.
        HttpResponse<byte[]> response = exchange(known == null ? request : authorized(request, known));
        if (response.statusCode() != 401) {
            return response;
        }
        AuthChallenge challenge = AuthChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(""));
        String authorization = authorization(challenge, scope);
        authorizationByScope.put(scope, authorization);
        return exchange(authorized(request, authorization));
    }

    private String authorization(AuthChallenge challenge, String scope) {
        if (challenge.isBearer()) {
            return "Bearer " + token(challenge, scope);
        }
        if (challenge.isBasic() && !credentials.isAnonymous()) {
            return credentials.basicAuthorization();
        }
        throw new RegistryLoginRefusedException(401, registry, credentials, "(it wants a login)");
    }

    private String token(AuthChallenge challenge, String scope) {
        StringBuilder uri = new StringBuilder(challenge.parameter("realm")).append("?scope=").append(encode(scope));
        if (challenge.parameter("service") != null) {
            uri.append("&service=").append(encode(challenge.parameter("service")));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(REQUEST_TIMEOUT).GET();
        if (!credentials.isAnonymous()) {
            request.header("Authorization", credentials.basicAuthorization());
        }
        HttpResponse<byte[]> response = exchange(request.build());
        requireSuccess(response, "getting a token from " + challenge.parameter("realm"));
        try {
            JsonNode body = JSON.readTree(response.body());
            String token = body.path("token").asText(body.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new ImageOperationException("token service " + challenge.parameter("realm") + " answered without a token");
            }
            return token;
        } catch (IOException e) {
            throw new ImageOperationException("token service " + challenge.parameter("realm") + " answered with no JSON", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static HttpRequest authorized(HttpRequest request, String authorization) {
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", authorization).build();
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ImageOperationException("registry " + registry + " is unreachable at " + request.uri().getScheme()
                    + "://" + request.uri().getAuthority() + ": " + e + " (fix: check the address, the scheme"
                    + " http/https and the network)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageOperationException("talking to registry " + registry + " was interrupted", e);
        }
    }

    private void requireSuccess(HttpResponse<byte[]> response, String what) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new RegistryLoginRefusedException(status, registry, credentials, "(answered " + status + " to " + what + ")");
        }
        String body = new String(response.body(), StandardCharsets.UTF_8).strip();
        throw new RegistryHttpException(status, "registry " + registry + " answered " + status + " to " + what
                + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(body.length(), 300))));
    }
}
