package io.bluegreen.cli.webhook;

import io.bluegreen.gitlab.BranchRules;
import io.bluegreen.gitlab.DeployDecision;
import io.bluegreen.gitlab.GitLabSamples;
import io.bluegreen.gitlab.WebhookHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A {@link WebhookServer} on loopback and a client that calls it the way GitLab does: a POST with
 * {@code X-Gitlab-Event}, {@code X-Gitlab-Token} and a JSON body. Collects the decisions handed over.
 */
final class GitLabStandIn implements AutoCloseable {
    static final ServerLimits DEFAULT_LIMITS = new ServerLimits(ServerLimits.DEFAULT_HEADER_TIMEOUT,
            ServerLimits.DEFAULT_READ_TIMEOUT, ServerLimits.DEFAULT_MAX_CONNECTIONS, WebhookHandler.DEFAULT_MAX_BODY_BYTES);

    final LinkedBlockingQueue<DeployDecision> decisions = new LinkedBlockingQueue<>();
    final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    final WebhookServer server;
    private final HttpClient client;

    GitLabStandIn(WebhookHandler handler) throws IOException {
        this(handler, DEFAULT_LIMITS, Optional.empty(), HttpClient.newBuilder());
    }

    GitLabStandIn(WebhookHandler handler, ServerLimits limits, Optional<ServerIdentity> identity,
                  HttpClient.Builder client) throws IOException {
        server = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), limits, identity, handler, decisions::add,
                logLines::add);
        this.client = client.connectTimeout(Duration.ofSeconds(5)).build();
    }

    static WebhookHandler handler(String rules) {
        return new WebhookHandler(GitLabSamples.TOKEN, BranchRules.parse(rules));
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
