package io.bluegreen.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A registry that will not take a manifest PUT over its API from anyone but a Docker engine, as
 * some registries and proxies behave: a loopback HTTP front that passes every request to the test
 * registry unchanged, except those PUTs, which it answers 405 UNSUPPORTED.
 */
final class ManifestRefusingFront implements AutoCloseable {
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    static {
        // The engine tries HTTPS first even on loopback; the JDK server would wait for a request line
        // that a TLS hello never sends, so the engine's 10 s handshake timeout would pass each time.
        // A request must arrive within a second, which drops those handshakes at once.
        System.setProperty("sun.net.httpserver.maxReqTime", "1");
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String backend;

    ManifestRefusingFront(String backendRegistry) throws IOException {
        this.backend = "http://" + backendRegistry;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The front's address, usable as a registry name ({@code 127.0.0.1:PORT}). */
    String registry() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
            boolean manifestPut = exchange.getRequestMethod().equals("PUT")
                    && exchange.getRequestURI().getPath().contains("/manifests/");
            if (manifestPut && (userAgent == null || !userAgent.startsWith("docker/"))) {
                reply(exchange, 405, Map.of("Content-Type", List.of("application/json")),
                        "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"The operation is unsupported.\"}]}"
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpResponse<byte[]> answer = client.send(forwarded(exchange), HttpResponse.BodyHandlers.ofByteArray());
            reply(exchange, answer.statusCode(), answer.headers().map(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest forwarded(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    private static void reply(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        headers.forEach((name, values) -> {
            // A HEAD answer keeps the registry's length: the engine reads the manifest size from it.
            boolean length = name.equalsIgnoreCase("content-length") && !head;
            if (!length && !name.equalsIgnoreCase("transfer-encoding") && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        boolean noBody = head || status == 204 || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
