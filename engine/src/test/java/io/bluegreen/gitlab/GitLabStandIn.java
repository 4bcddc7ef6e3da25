package io.bluegreen.gitlab;

import io.bluegreen.log.OperatorLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A {@link WebhookServer} on loopback and a client that calls it the way GitLab does: a POST with
 * {@code X-Gitlab-Event}, {@code X-Gitlab-Token} and a JSON body. Collects the decisions handed over.
 */
final class GitLabStandIn implements AutoCloseable {
    static final String TOKEN = "s3cret-hook-token";

    final LinkedBlockingQueue<DeployDecision> decisions = new LinkedBlockingQueue<>();
    final List<String> logLines = java.util.Collections.synchronizedList(new ArrayList<>());
    final WebhookServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GitLabStandIn(WebhookHandler handler) throws IOException {
        OperatorLog log = logLines::add;
        server = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), handler, decisions::add, log);
    }

    static WebhookHandler handler(String rules) {
        return new WebhookHandler(TOKEN, BranchRules.parse(rules));
    }

    static byte[] sample(String name) {
        try (InputStream in = GitLabStandIn.class.getResourceAsStream("/gitlab/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /gitlab/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A call as GitLab makes it; a null event or token leaves that header out. */
    HttpResponse<String> post(String event, String token, byte[] body) {
        return send(request(event, token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpRequest.Builder request(String event, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("/project/hook"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitLab/17.0.0");
        if (event != null) {
            request.header(WebhookHandler.EVENT_HEADER, event);
        }
        if (token != null) {
            request.header(WebhookHandler.TOKEN_HEADER, token);
        }
        return request;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Decisions handed over since the last call; the server hands them over before it answers. */
    List<DeployDecision> takeDecisions() {
        List<DeployDecision> taken = new ArrayList<>();
        decisions.drainTo(taken);
        return taken;
    }

    @Override
    public void close() {
        server.close();
    }
}
