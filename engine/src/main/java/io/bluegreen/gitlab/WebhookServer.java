package io.bluegreen.gitlab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bluegreen.log.OperatorLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small HTTP endpoint for GitLab's webhook, for the CLI and for tests; Jenkins uses its own
 * endpoint around the same {@link WebhookHandler}. Every path answers, so the hook URL can be
 * {@code http://HOST:PORT/} or anything below it. Put it behind a TLS-terminating proxy when GitLab
 * calls it over a network you do not trust: the token travels in a header.
 */
public final class WebhookServer implements AutoCloseable {
    /** Enough for GitLab's bursts; a slow sender only holds one of them. */
    private static final int WORKERS = 4;
    /**
     * How much of an unread body (a refused one, say) is read and thrown away, in multiples of the
     * body limit, so that the sender gets to read the answer. A body declared larger is not read at
     * all: it is answered at once and its connection closed.
     */
    private static final int DRAIN_FACTOR = 2;

    private final HttpServer server;
    private final ExecutorService workers;
    private final WebhookHandler handler;
    private final Consumer<DeployDecision> onDecision;
    private final OperatorLog log;

    private WebhookServer(HttpServer server, ExecutorService workers, WebhookHandler handler,
                          Consumer<DeployDecision> onDecision, OperatorLog log) {
        this.server = server;
        this.workers = workers;
        this.handler = handler;
        this.onDecision = onDecision;
        this.log = log;
    }

    /**
     * Starts listening. {@code onDecision} runs before GitLab gets its answer, so it should only queue
     * the deploy; if it throws, the caller gets a 500, since the deploy was not scheduled.
     */
    public static WebhookServer start(InetSocketAddress address, WebhookHandler handler,
                                      Consumer<DeployDecision> onDecision, OperatorLog log) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, task -> {
            Thread thread = new Thread(task, "gitlab-webhook-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        WebhookServer webhookServer = new WebhookServer(server, workers, handler, onDecision, log);
        server.createContext("/", webhookServer::serve);
        server.setExecutor(workers);
        server.start();
        return webhookServer;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The URL to paste into GitLab's webhook settings (for a wildcard bind, replace the host). */
    public URI uri() {
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void serve(HttpExchange exchange) {
        try {
            WebhookResponse response = "POST".equals(exchange.getRequestMethod())
                    ? handler.handle(exchange.getRequestHeaders()::getFirst, exchange.getRequestBody())
                    : WebhookResponse.refused(WebhookResponse.NOT_POST, "GitLab webhooks are POST requests");
            long drainLimit = DRAIN_FACTOR * handler.maxBodyBytes();
            if (WebhookHandler.declaredLength(exchange.getRequestHeaders()::getFirst) <= drainLimit) {
                discardUnread(exchange.getRequestBody(), drainLimit);
            }
            response = schedule(response);
            log.line("webhook from " + exchange.getRemoteAddress().getAddress().getHostAddress() + ": "
                    + response.status() + " " + response.reason());
            answer(exchange, response);
        } catch (IOException e) {
            log.warn("webhook: could not answer " + exchange.getRemoteAddress() + ": " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private WebhookResponse schedule(WebhookResponse response) {
        try {
            response.decision().ifPresent(onDecision);
            return response;
        } catch (RuntimeException e) {
            log.warn("webhook: could not schedule the deploy: " + e);
            return new WebhookResponse(500, "could not schedule the deploy", Optional.empty());
        }
    }

    private static void discardUnread(InputStream body, long limit) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long discarded = 0;
        int read;
        while (discarded < limit && (read = body.read(buffer, 0, (int) Math.min(buffer.length, limit - discarded))) > 0) {
            discarded += read;
        }
    }

    private static void answer(HttpExchange exchange, WebhookResponse response) throws IOException {
        byte[] body = (response.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
