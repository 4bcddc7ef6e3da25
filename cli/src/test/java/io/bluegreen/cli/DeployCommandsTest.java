package io.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.TestBed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** deploy, status, history, rollback and unlock from the command line, with their exit codes. */
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

    private String run(String command, String app, String... more) {
        List<String> args = new ArrayList<>(List.of(command, app));
        args.addAll(List.of(more));
        if (!command.equals("unlock")) {
            args.addAll(List.of("--router-name", fixture.routerName, "--router-image", TestBed.NGINX,
                    "--publish", "127.0.0.1:" + fixture.routerPort));
        }
        if (command.equals("deploy") || command.equals("rollback")) {
            args.addAll(List.of("--network", fixture.network, "--port", "8080", "--health-path", "/health",
                    "--drain", "300", "--stop-timeout", "1"));
        }
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.run(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertThat(exit).as(String.join(" ", args) + "\n" + printed).isZero();
        return printed;
    }
}
