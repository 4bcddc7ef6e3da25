package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.DeployMain;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.TestBed;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A deploy running in its own JVM is killed with SIGKILL right after a phase line, under traffic.
 * Nobody sees an error, and running the deploy again converges: one healthy colour, routed to.
 */
class KilledDeployTest {
    private static final DeployFixture fixture = new DeployFixture();

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @ParameterizedTest(name = "killed {1} ms after the {0} line")
    @CsvSource({"create, 0", "start, 0", "healthy, 0", "switch, 0", "switch, 1500"})
    void aRerunAfterAKillConvergesAndNoRequestFails(String phase, long delayMillis) throws Exception {
        String app = fixture.newApp("bgt-kill");
        List<String> lines = new ArrayList<>();
        BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, line -> {
            System.out.println(line);
            lines.add(line);
        });
        deployer.deploy(fixture.spec(app, TestBed.APP_V1));
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            killDeployAfter(phase, delayMillis, app);
            load.awaitAnswers(20);

            DeployResult rerun = deployer.deploy(fixture.spec(app, TestBed.APP_V2));
            load.awaitAnswers(20);
            load.close();
            assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("taking over the lock of " + app));
            Optional<Colour> routed = fixture.router().open(fixture.docker, OperatorLog.silent()).liveColour(app);
            assertThat(routed).contains(rerun.liveColour());
            List<Container> running = fixture.containersOf(app).stream().filter(c -> "running".equals(c.getState())).toList();
            assertThat(running).as("exactly one colour runs, the routed one")
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.getLabels().get(DeployLabels.COLOUR)).isEqualTo(rerun.liveColour().label()))
                    .allSatisfy(c -> assertThat(c.getLabels().get(DeployLabels.IMAGE)).isEqualTo(TestBed.APP_V2));
            List<String> last = load.versionsStartedBetween(System.nanoTime() - Duration.ofSeconds(1).toNanos(), Long.MAX_VALUE);
            assertThat(last).containsOnly("v2");
        }
    }

    private void killDeployAfter(String phase, long delayMillis, String app) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DeployMain.class.getName()));
        command.addAll(List.of(DeployMain.arguments(fixture, app, TestBed.APP_V2, Duration.ofSeconds(5))));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String marker = "[" + app + "] " + String.format("%-8s", phase);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("child: " + line);
                if (line.startsWith(marker)) {
                    Thread.sleep(delayMillis);
                    child.destroyForcibly().waitFor();
                    return;
                }
            }
        }
        throw new AssertionError("the child deploy ended (exit " + child.waitFor() + ") without printing " + marker);
    }
}
