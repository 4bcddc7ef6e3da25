package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Deploys that must fail, each under steady traffic to the live v1: whatever goes wrong, no request
 * fails, v1 keeps serving, and the failed colour leaves nothing behind.
 */
@RequiresTestBed
class DeployFailureTest {
    private static final DeployFixture fixture = new DeployFixture();
    private final BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, OperatorLog.to(System.out));

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void anImageThatNeverGetsHealthyIsRemovedWithItsLogInTheError() throws Exception {
        String sick = fixture.buildImage("sick", "FROM " + TestBed.APP_V1 + "\nRUN rm /www/health\n");
        String app = liveApp();
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            assertThatThrownBy(() -> deployer.deploy(fixture.spec(app, sick)
                    .withHealth(HealthCheckSpec.http("/health").withDeadline(Duration.ofSeconds(3)))))
                    .isInstanceOfSatisfying(DeployFailedException.class, e -> assertThat(e.phase()).isEqualTo(Phase.HEALTHY))
                    .hasMessageContaining("answered 404")
                    .hasMessageContaining("log lines of " + app + "-green-1")
                    .hasMessageContaining("app v1 listening on 8080");
            assertServedByV1Only(app, load);
        }
        String neighbour = fixture.newApp("bgt-neighbour");
        assertThat(deployer.deploy(fixture.spec(neighbour, TestBed.APP_V2)).liveColour())
                .as("the router names none of the removed containers, so nginx -t passes for other apps").isEqualTo(Colour.BLUE);
    }

    @Test
    void anAppThatExitsAtStartFailsAtOnceWithItsLastWords() throws Exception {
        String crashing = fixture.buildImage("crash", "FROM " + TestBed.APP_V1
                + "\nCMD [\"sh\", \"-c\", \"echo 'fatal: DATABASE_URL is not set'; exit 3\"]\n");
        String app = liveApp();
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            assertThatThrownBy(() -> deployer.deploy(fixture.spec(app, crashing)
                    .withHealth(HealthCheckSpec.http("/health").withDeadline(Duration.ofMinutes(10)))))
                    .isInstanceOfSatisfying(DeployFailedException.class, e -> assertThat(e.phase()).isEqualTo(Phase.HEALTHY))
                    .hasMessageContaining("is not running")
                    .hasMessageContaining("exit code 3")
                    .hasMessageContaining("fatal: DATABASE_URL is not set");
            assertServedByV1Only(app, load);
        }
    }

    @Test
    void aConfigNginxRejectsLeavesTheOldColourServingAndSaysWhy() throws Exception {
        String app = liveApp();
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            assertThatThrownBy(() -> deployer.deploy(fixture.spec(app, TestBed.APP_V2)
                    .withRouter(fixture.router().withDirectives("client_max_body_size fifty-megabytes;"))))
                    .isInstanceOfSatisfying(DeployFailedException.class, e -> assertThat(e.phase()).isEqualTo(Phase.STAGE))
                    .hasMessageContaining("nginx -t rejected")
                    .hasMessageContaining("\"client_max_body_size\" directive invalid value");
            assertServedByV1Only(app, load);
            DeployResult fixed = deployer.deploy(fixture.spec(app, TestBed.APP_V2)
                    .withRouter(fixture.router().withDirectives("client_max_body_size 50m;")));
            assertThat(fixed.liveColour()).isEqualTo(Colour.GREEN);
            load.close();
            assertThat(load.failures()).isEmpty();
        }
    }

    @Test
    void aSecondDeployOfTheSameAppWaitsForTheLockOrFailsNamingTheHolder() throws Exception {
        String app = liveApp();
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            CompletableFuture<DeployResult> first = CompletableFuture.supplyAsync(
                    () -> deployer.deploy(fixture.spec(app, TestBed.APP_V2).withDrainTimeout(Duration.ofSeconds(4))));
            awaitLockTaken(app);
            assertThatThrownBy(() -> deployer.deploy(fixture.spec(app, TestBed.APP_V1).withLockWait(Duration.ofMillis(500))))
                    .isInstanceOfSatisfying(DeployFailedException.class, e -> assertThat(e.phase()).isEqualTo(Phase.LOCK))
                    .hasMessageContaining("holds the lock")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("bluegreen unlock --force " + app);
            DeployResult patient = deployer.deploy(fixture.spec(app, TestBed.APP_V1).withLockWait(Duration.ofSeconds(60)));
            assertThat(first.get().liveColour()).isEqualTo(Colour.GREEN);
            assertThat(patient.liveColour()).isEqualTo(Colour.BLUE);
            load.close();
            assertThat(load.failures()).isEmpty();
        }
    }

    private void awaitLockTaken(String app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (DeployLock.holder(fixture.docker, app).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(DeployLock.holder(fixture.docker, app)).isPresent();
    }

    private String liveApp() {
        String app = fixture.newApp("bgt-fail");
        deployer.deploy(fixture.spec(app, TestBed.APP_V1));
        return app;
    }

    private void assertServedByV1Only(String app, LoadGenerator load) throws InterruptedException {
        load.awaitAnswers(20);
        load.close();
        assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
        assertThat(load.answers()).extracting(LoadGenerator.Answer::version).containsOnly("v1");
        assertThat(fixture.containersOf(app)).extracting(c -> c.getLabels().get(DeployLabels.COLOUR)).containsOnly("blue");
    }
}
