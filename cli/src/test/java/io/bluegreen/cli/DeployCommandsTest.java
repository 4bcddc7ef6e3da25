package io.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** deploy, status, history, rollback and unlock from the command line, with their exit codes. */
@RequiresTestBed
class DeployCommandsTest {
    private static final DeployFixture fixture = new DeployFixture();

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void deployStatusHistoryRollbackUnlock() {
        String app = fixture.newApp("bgt-cli");
        assertThat(run("deploy", app, "--image", TestBed.APP_V1)).contains("[" + app + "] healthy  blue");
        String deployed = run("deploy", app, "--image", TestBed.APP_V2);
        assertThat(deployed).contains("[" + app + "] switch   green").contains("[" + app + "] drain    blue");
        assertThat(run("status", app)).contains(app + ": live green").contains(app + "-blue-1").contains("exited");
        assertThat(run("history", app).lines()).hasSize(2);
        assertThat(run("rollback", app)).contains("[" + app + "] live     blue");
        assertThat(run("unlock", app)).contains("not locked");
        assertThat(Main.run("deploy", "Bad_Name", "--image", TestBed.APP_V1)).isEqualTo(Main.BAD_INPUT);
    }

    @Test
    void deployAndRollbackTellSlack() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext("/services/T000/B000/secret", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slack.start();
        Path webhook = Files.createTempFile("slack", ".url");
        try {
            Files.writeString(webhook, "http://127.0.0.1:" + slack.getAddress().getPort() + "/services/T000/B000/secret\n");
            String app = fixture.newApp("bgt-slack");
            String[] notify = {"--slack-webhook-file", webhook.toString(), "--target-name", "staging"};
            run("deploy", app, concat(notify, "--image", TestBed.APP_V1));
            run("deploy", app, concat(notify, "--image", TestBed.APP_V2));
            run("rollback", app, notify);

            assertThat(received).hasSize(5);
            assertThat(received.get(0)).contains("Deploying *" + app + "* to *staging*");
            assertThat(received.get(1)).contains("Deployed *" + app + "* to *staging*").contains("blue");
            assertThat(received.get(3)).contains("Deployed *" + app + "* to *staging*").contains("green");
            assertThat(received.get(4)).contains("Rolled back *" + app + "* on *staging* to *blue*");

            CliRun refused = CliRun.of(arguments("deploy", app, concat(notify, "--image", TestBed.APP_V1 + "-no-such-tag"))
                    .toArray(String[]::new));
            assertThat(refused.exitCode()).isEqualTo(Main.BAD_INPUT);
            assertThat(received).as("a refused deploy tells nobody it is deploying").hasSize(5);
        } finally {
            slack.stop(0);
            Files.deleteIfExists(webhook);
        }
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private String run(String command, String app, String... more) {
        return CliRun.succeeding(arguments(command, app, more));
    }

    private List<String> arguments(String command, String app, String... more) {
        List<String> args = new ArrayList<>(List.of(command, app));
        args.addAll(List.of(more));
        if (!command.equals("unlock")) {
            args.addAll(List.of("--router-name", fixture.routerName, "--router-image", TestBed.NGINX,
                    "--publish", "127.0.0.1:" + fixture.routerPort));
        }
        if (command.equals("deploy") || command.equals("rollback")) {
            args.addAll(List.of("--network", fixture.network, "--port", "8080", "--health-path", "/health",
                    "--drain-timeout", "1", "--stop-timeout", "1", "--server-name", app + ".example.test"));
        }
        return args;
    }
}
