package io.bluegreen.notify;

import io.bluegreen.log.OperatorLog;
import io.bluegreen.validation.InvalidInputException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts deploy events to a Slack incoming webhook. A message that cannot be delivered within the
 * timeout (connecting and answering together) is logged and dropped: a deploy never fails or waits
 * longer because Slack is down. The webhook URL's path is its secret, so logs name only the host.
 */
public final class SlackNotifier implements Notifier {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final String URL_FIX = "copy the Incoming Webhook URL from the Slack app's settings"
            + " (https://hooks.slack.com/services/...)";

    private final URI webhookUrl;
    private final Duration timeout;
    private final String channel;
    private final OperatorLog log;
    private final HttpClient client;

    public SlackNotifier(URI webhookUrl, OperatorLog log) {
        this(checked(webhookUrl), DEFAULT_TIMEOUT, null, log);
    }

    /**
     * The URL as it comes from a secret (a file, a variable, a Jenkins credential). A refusal never
     * quotes it: {@link URI#create} would, and the path is the secret.
     */
    public static SlackNotifier fromSecretText(String webhookUrl, OperatorLog log) {
        InvalidInputException.require(webhookUrl != null && !webhookUrl.isBlank(), "Slack webhook URL", "is empty", URL_FIX);
        try {
            return new SlackNotifier(new URI(webhookUrl.strip()), log);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("Slack webhook URL", "is not a URL (" + e.getReason() + " at character "
                    + (e.getIndex() + 1) + "; the URL itself is not shown, it is a secret)", URL_FIX);
        }
    }

    private SlackNotifier(URI webhookUrl, Duration timeout, String channel, OperatorLog log) {
        this.webhookUrl = webhookUrl;
        this.timeout = timeout;
        this.channel = channel;
        this.log = log;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public SlackNotifier withTimeout(Duration timeout) {
        InvalidInputException.require(timeout != null && !timeout.isNegative() && !timeout.isZero(), "Slack timeout",
                timeout + " is not a positive duration", "use a few seconds, e.g. 5s");
        return new SlackNotifier(webhookUrl, timeout, channel, log);
    }

    /** See {@link SlackMessage#withChannel}: honoured by legacy webhooks only. */
    public SlackNotifier withChannel(String channel) {
        return new SlackNotifier(webhookUrl, timeout, channel, log);
    }

    @Override
    public void send(DeployEvent event) {
        post(SlackMessage.of(event).withChannel(channel));
    }

    /**
     * Delivers one message; true when Slack answered 2xx. Never throws, and returns within the timeout
     * (plus scheduling slack), because the whole exchange waits on one bounded future.
     */
    public boolean post(SlackMessage message) {
        HttpRequest request = HttpRequest.newBuilder(webhookUrl)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString(), StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<String>> exchange =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() / 100 == 2) {
                return true;
            }
            log.warn(String.format("Slack message not delivered: %s answered %d %.100s", host(),
                    response.statusCode(), response.body().strip()));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            warnNoAnswer();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                warnNoAnswer();
            } else {
                log.warn("Slack message not delivered to " + host() + ": " + redact(e.getCause()));
            }
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            log.warn("Slack message not delivered to " + host() + ": interrupted");
        } catch (RuntimeException e) {
            log.warn("Slack message not delivered to " + host() + ": " + redact(e));
        }
        return false;
    }

    /** The client's own deadline and the wait on the future race; either way it is the same news. */
    private void warnNoAnswer() {
        log.warn("Slack message not delivered: " + host() + " did not answer within " + timeout.toMillis() + " ms");
    }

    private String host() {
        return webhookUrl.getHost();
    }

    /** Exception texts sometimes quote the request URL; the path must not reach a build log. */
    private String redact(Throwable failure) {
        String text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : " " + failure.getMessage());
        return webhookUrl.getRawPath().isEmpty() ? text : text.replace(webhookUrl.getRawPath(), "/…");
    }

    /** HTTPS only, except to this machine, where tests and local relays listen. */
    private static URI checked(URI url) {
        InvalidInputException.require(url != null && url.getHost() != null, "Slack webhook URL",
                "is missing or has no host", URL_FIX);
        boolean https = "https".equals(url.getScheme());
        boolean localHttp = "http".equals(url.getScheme()) && isLoopback(url.getHost());
        InvalidInputException.require(https || localHttp, "Slack webhook URL",
                "must use https, since its path is a secret", URL_FIX);
        return url;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
