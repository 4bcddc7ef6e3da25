package io.bluegreen.cli;

import io.bluegreen.cli.webhook.ServerIdentity;
import io.bluegreen.cli.webhook.ServerLimits;
import io.bluegreen.cli.webhook.WebhookServer;
import io.bluegreen.gitlab.BranchRules;
import io.bluegreen.gitlab.WebhookHandler;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bluegreen webhook}: receives GitLab's push webhooks and prints one JSON line per deploy
 * decision on stdout, for a script (or a later {@code deploy} command) to act on. Runs until stopped.
 */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = "Receive GitLab push webhooks; print one JSON line per push that a rule maps to a target.")
public final class WebhookCommand implements Callable<Integer> {
    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
            description = "address to listen on, e.g. 127.0.0.1:8088 (port 0 picks a free one)")
    String listen;

    @Option(names = "--rules", required = true, paramLabel = "FILE",
            description = "branch rules, one per line: 'master -> staging', 'tag:v* -> production'")
    Path rules;

    @Option(names = "--token-env", paramLabel = "VAR", description = "environment variable holding GitLab's secret token")
    String tokenEnv;

    @Option(names = "--token-file", paramLabel = "FILE", description = "file holding GitLab's secret token")
    Path tokenFile;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "1048576",
            description = "larger bodies get 413 (default: ${DEFAULT-VALUE})")
    long maxBodyBytes;

    @Option(names = "--header-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "a connection's request headers must arrive within this, or it is closed (default: ${DEFAULT-VALUE})")
    double headerTimeoutSeconds;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "the body must arrive within this after the headers, and no connection may stay silent"
                    + " longer (default: ${DEFAULT-VALUE})")
    double readTimeoutSeconds;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "512",
            description = "connections open at once; more wait to be accepted (default: ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "serve HTTPS with this PEM certificate (and its chain); needs --tls-key")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the certificate's PEM private key, unencrypted")
    Path tlsKey;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServerLimits limits = new ServerLimits(seconds(headerTimeoutSeconds), seconds(readTimeoutSeconds),
                maxConnections, maxBodyBytes);
        Optional<ServerIdentity> identity = identity();
        WebhookHandler handler = new WebhookHandler(token(), BranchRules.parse(Secrets.read(rules, "--rules")));
        PrintWriter out = spec.commandLine().getOut();
        OperatorLog log = spec.commandLine().getErr()::println;
        try (WebhookServer server = WebhookServer.start(address(), limits, identity, handler, decision -> {
            synchronized (out) {
                out.println(decision.toJson());
                out.flush();
            }
        }, log)) {
            log.line("listening on " + server.uri() + " with " + handler.rules().rules().size() + " rules");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }

    private Optional<ServerIdentity> identity() {
        InvalidInputException.require((tlsCert == null) == (tlsKey == null), "--tls-cert/--tls-key",
                "only one of the two was given", "give both files for HTTPS, or neither for plain HTTP");
        return tlsCert == null ? Optional.empty()
                : Optional.of(new ServerIdentity(Secrets.read(tlsCert, "--tls-cert"), Secrets.read(tlsKey, "--tls-key")));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private String token() {
        return Secrets.fromEnvOrFile(tokenEnv, tokenFile, "--token-env", "--token-file", true);
    }

    private InetSocketAddress address() {
        URI uri = parseListen();
        InvalidInputException.require(uri != null && uri.getHost() != null && uri.getPort() >= 0
                        && uri.getPath().isEmpty() && uri.getUserInfo() == null,
                "--listen", "'" + listen + "' is not HOST:PORT", "e.g. 127.0.0.1:8088, or 0.0.0.0:8088 for every interface");
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    private URI parseListen() {
        try {
            return new URI("http://" + listen);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
