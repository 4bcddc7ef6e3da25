package io.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code bluegreen webhook ...} running in this JVM until closed, with what it printed. */
final class WebhookRun implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread running;
    final URI uri;

    private WebhookRun(List<String> options) throws InterruptedException {
        CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("webhook"));
        args.addAll(options);
        running = new Thread(() -> cli.execute(args.toArray(String[]::new)), "bluegreen-webhook-under-test");
        running.start();
        uri = awaitListening();
    }

    /** Starts the command with {@code options} and waits until it listens. */
    static WebhookRun start(String... options) throws InterruptedException {
        return new WebhookRun(List.of(options));
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    private URI awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && running.isAlive()) {
            Matcher matcher = LISTENING.matcher(err.toString());
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("webhook command did not start; stderr: " + err);
    }

    /** Stops it as Ctrl-C would end the wait, and checks that it stopped. */
    @Override
    public void close() throws InterruptedException {
        running.interrupt();
        running.join(10_000);
        assertThat(running.isAlive()).as("the webhook command stopped").isFalse();
    }
}
