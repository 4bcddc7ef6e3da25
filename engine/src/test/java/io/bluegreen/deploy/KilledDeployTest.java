package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.router.NginxRouter;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.DeployMain;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A deploy running in its own JVM is killed with SIGKILL right after a phase line, under traffic.
 * Nobody sees an error, and running the deploy again converges: one healthy colour, routed to.
 */
@RequiresTestBed
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
        BlueGreenDeploy deployer = recordingDeployer(lines);
        deployer.deploy(fixture.spec(app, TestBed.APP_V1));
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            killDeployAfter(phase, delayMillis, app);
            load.awaitAnswers(20);

            DeployResult rerun = deployer.deploy(fixture.spec(app, TestBed.APP_V2));
            assertConverged(app, rerun, load, lines, "taking over the lock of " + app);
        }
    }

    /** The router's lock is held while a config is written, judged and loaded; a deploy killed then must not block the router. */
    @Test
    void aRerunAfterAKillWhileHoldingTheRoutersLockConverges() throws Exception {
        String app = fixture.newApp("bgt-kill");
        List<String> lines = new ArrayList<>();
        BlueGreenDeploy deployer = recordingDeployer(lines);
        deployer.deploy(fixture.spec(app, TestBed.APP_V1));
        String routerLock = NginxRouter.lockName(fixture.routerName);
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            boolean killedWhileHolding = false;
            for (int attempt = 1; attempt <= 5 && !killedWhileHolding; attempt++) {
                Process child = childDeploy(app);
                Thread echo = new Thread(() -> echo(child));
                echo.start();
                while (child.isAlive() && EngineLock.holder(fixture.docker, routerLock).isEmpty()) {
                    Thread.sleep(1);
                }
                child.destroyForcibly().waitFor();
                echo.join();
                killedWhileHolding = EngineLock.holder(fixture.docker, routerLock).isPresent();
            }
            assertThat(killedWhileHolding).as("a child deploy was killed while it held the router's lock").isTrue();
            load.awaitAnswers(20);

            DeployResult rerun = deployer.deploy(fixture.spec(app, TestBed.APP_V2));
            assertConverged(app, rerun, load, lines, "taking over the config lock of router " + fixture.routerName);
            assertThat(EngineLock.holder(fixture.docker, routerLock)).as("the rerun released the router's lock").isEmpty();
        }
    }

    private static BlueGreenDeploy recordingDeployer(List<String> lines) {
        return new BlueGreenDeploy(fixture.docker, line -> {
            System.out.println(line);
            lines.add(line);
        });
    }

    private void assertConverged(String app, DeployResult rerun, LoadGenerator load, List<String> lines, String takeover)
            throws InterruptedException {
        load.awaitAnswers(20);
        load.close();
        assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(takeover));
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

    private Process childDeploy(String app) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DeployMain.class.getName()));
        command.addAll(List.of(DeployMain.arguments(fixture, app, TestBed.APP_V2, Duration.ofSeconds(5))));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void echo(Process child) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(line -> System.out.println("child: " + line));
        } catch (IOException e) {
            System.out.println("child output ended: " + e);
        }
    }

    private void killDeployAfter(String phase, long delayMillis, String app) throws Exception {
        Process child = childDeploy(app);
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
