package io.bluegreen.cli.webhook;

import io.bluegreen.gitlab.DeployDecision;
import io.bluegreen.gitlab.WebhookHandler;
import io.bluegreen.gitlab.WebhookResponse;
import io.bluegreen.log.OperatorLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * GitLab's webhook for {@code bluegreen webhook}, on embedded Jetty: every path answers, so the hook
 * URL can be {@code http(s)://HOST:PORT/} or anything below it. The Jenkins plugin answers the same
 * calls with the same {@link WebhookHandler} inside Jenkins' own server.
 *
 * <p>Slow and abusive clients cost little: no thread waits on a socket (headers and body are read
 * without blocking), every request must arrive within the {@link ServerLimits} deadlines, a caller
 * without the token gets its 401 before any body is read, and each connection carries one request.
 */
public final class WebhookServer implements AutoCloseable {
    /** Threads only run the handler, never wait for the network; Jetty needs a few for itself. */
    private static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 4;
    /**
     * How much of a refused body is read and thrown away before answering, in multiples of the body
     * limit (see {@link UnreadBody}). A body declared larger is answered at once and its connection closed.
     */
    private static final int DRAIN_FACTOR = 2;

    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;
    private final OperatorLog log;

    private WebhookServer(Server server, ServerConnector connector, boolean tls, OperatorLog log) {
        this.server = server;
        this.connector = connector;
        this.tls = tls;
        this.log = log;
    }

    /**
     * Starts listening, with TLS when {@code identity} is present. {@code onDecision} runs before GitLab
     * gets its answer, so it should only queue the deploy; if it throws, the caller gets a 500, since
     * the deploy was not scheduled.
     */
    public static WebhookServer start(InetSocketAddress address, ServerLimits limits, Optional<ServerIdentity> identity,
                                      WebhookHandler handler, Consumer<DeployDecision> onDecision, OperatorLog log)
            throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("gitlab-webhook");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
        ServerConnector connector = identity
                .map(id -> new ServerConnector(server, 1, 1,
                        new SslConnectionFactory(id.sslContextFactory(), HttpVersion.HTTP_1_1.asString()), httpFactory))
                .orElseGet(() -> new ServerConnector(server, 1, 1, httpFactory));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.readTimeout().toMillis());
        RequestDeadlines deadlines = new RequestDeadlines(server.getScheduler(), limits);
        connector.addBean(deadlines);
        server.addConnector(connector);
        server.addBean(new ConnectionLimit(limits.maxConnections(), connector));
        server.setHandler(new Calls(handler.withMaxBodyBytes(limits.maxBodyBytes()), onDecision, log, deadlines, threads));
        WebhookServer webhookServer = new WebhookServer(server, connector, identity.isPresent(), log);
        try {
            server.start();
        } catch (Exception e) {
            webhookServer.close();
            throw e instanceof IOException io ? io : new IOException("the webhook server did not start: " + e, e);
        }
        return webhookServer;
    }

    public InetSocketAddress address() {
        String host = connector.getHost();
        return new InetSocketAddress(host == null ? "0.0.0.0" : host, connector.getLocalPort());
    }

    /** The URL to paste into GitLab's webhook settings (for a wildcard bind, replace the host). */
    public URI uri() {
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        return URI.create((tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host)
                + ":" + address.getPort() + "/");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("webhook: the server did not stop cleanly: " + e);
        }
    }

    /** One GitLab call: headers first, the body only for a caller with the token, then the answer. */
    private static final class Calls extends Handler.Abstract {
        private final WebhookHandler handler;
        private final Consumer<DeployDecision> onDecision;
        private final OperatorLog log;
        private final RequestDeadlines deadlines;
        private final Executor threads;

        Calls(WebhookHandler handler, Consumer<DeployDecision> onDecision, OperatorLog log, RequestDeadlines deadlines,
              Executor threads) {
            this.handler = handler;
            this.onDecision = onDecision;
            this.log = log;
            this.deadlines = deadlines;
            this.threads = threads;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Connection connection = request.getConnectionMetaData().getConnection();
            deadlines.headersArrived(connection);
            HttpFields headers = request.getHeaders();
            Function<String, String> header = headers::get;
            Optional<WebhookResponse> withoutBody = "POST".equals(request.getMethod())
                    ? handler.answerWithoutBody(header)
                    : Optional.of(new WebhookResponse(WebhookResponse.NOT_POST, "GitLab webhooks are POST requests",
                            Optional.empty()));
            if (withoutBody.isPresent()) {
                long declared = request.getLength();
                if (declared > DRAIN_FACTOR * handler.maxBodyBytes()) {
                    answer(request, response, callback, withoutBody.get());
                } else {
                    UnreadBody.discard(request, DRAIN_FACTOR * handler.maxBodyBytes(),
                            () -> answer(request, response, callback, withoutBody.get()));
                }
                return true;
            }
            // One byte over the limit is enough for the handler to see that the body is too large. The
            // decision runs on a pool thread: it parses JSON and hands over to a consumer that may block.
            Content.Source.asByteArrayAsync(request, (int) handler.maxBodyBytes() + 1).whenCompleteAsync((body, failure) -> {
                if (failure != null) {
                    // Over the limit, or the connection closed by a deadline or by the client.
                    answer(request, response, callback, readFailure(request));
                } else {
                    answer(request, response, callback, schedule(handler.handle(header, body)));
                }
            }, threads);
            return true;
        }

        private WebhookResponse readFailure(Request request) {
            return Request.getContentBytesRead(request) > handler.maxBodyBytes()
                    ? new WebhookResponse(WebhookResponse.TOO_LARGE, "body larger than " + handler.maxBodyBytes() + " bytes",
                            Optional.empty())
                    : new WebhookResponse(WebhookResponse.MALFORMED, "the body did not arrive in time", Optional.empty());
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

        private void answer(Request request, Response response, Callback callback, WebhookResponse answer) {
            deadlines.answered(request.getConnectionMetaData().getConnection());
            log.line("webhook from " + Request.getRemoteAddr(request) + ": " + answer.status() + " " + answer.reason());
            response.setStatus(answer.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            // One request per connection: each one then gets the header timeout from its start.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            response.write(true, ByteBuffer.wrap((answer.reason() + "\n").getBytes(StandardCharsets.UTF_8)), callback);
        }
    }
}
