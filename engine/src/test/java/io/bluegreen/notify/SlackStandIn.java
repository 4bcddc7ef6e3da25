package io.bluegreen.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Stands in for hooks.slack.com on loopback: keeps what it receives and answers like Slack does. */
public final class SlackStandIn implements AutoCloseable {
    static final String SECRET_PATH = "/services/T0001/B0002/Xq7secretPathPart";

    private final HttpServer server;
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> contentTypes = new LinkedBlockingQueue<>();
    private volatile int status = 200;
    private volatile String answer = "ok";

    public SlackStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(SECRET_PATH, this::receive);
        server.start();
    }

    public URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH);
    }

    /** Answers like Slack does when the webhook was removed or the payload refused. */
    void refuseWith(int status, String answer) {
        this.status = status;
        this.answer = answer;
    }

    public JsonNode nextMessage() throws InterruptedException {
        JsonNode message = received.poll(5, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("Slack stand-in received nothing within 5 s");
        }
        return message;
    }

    /** Messages received and not yet taken with {@link #nextMessage}. */
    public int messagesWaiting() {
        return received.size();
    }

    String lastContentType() {
        return contentTypes.peek();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            received.add(new ObjectMapper().readTree(exchange.getRequestBody()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
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
