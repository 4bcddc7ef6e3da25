package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The promise of the product: many deploys back to back under steady traffic, and nobody sees an error. */
@RequiresTestBed
class DeployUnderLoadTest {
    private static final int DEPLOYS = 20;
    private static final DeployFixture fixture = new DeployFixture();

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void twentyDeploysUnderLoadDropNoRequestAndFlipEachVersionOnce() throws Exception {
        String app = fixture.newApp("bgt-load");
        BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, OperatorLog.to(System.out));
        deployer.deploy(fixture.spec(app, TestBed.APP_V1));

        List<String> flipProblems = new ArrayList<>();
        Colour expectedLive = Colour.BLUE;
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            for (int n = 1; n <= DEPLOYS; n++) {
                String from = n % 2 == 1 ? "v1" : "v2";
                String to = n % 2 == 1 ? "v2" : "v1";
                long start = System.nanoTime();
                DeployResult result = deployer.deploy(fixture.spec(app, "bluegreen-test/app:" + to));
                long deployed = System.nanoTime();
                load.awaitAnswers(10);
                long end = System.nanoTime();
                expectedLive = expectedLive.other();
                assertThat(result.liveColour()).isEqualTo(expectedLive);
                assertThat(result.previousColour()).isEqualTo(expectedLive.other());
                assertThat(load.versionsStartedBetween(deployed, end)).isNotEmpty().containsOnly(to);
                int deployNumber = n;
                load.flipViolations(from, to, start, end).forEach(v -> flipProblems.add("deploy " + deployNumber + ": " + v));
            }
            load.close();
            System.out.println("requests " + load.requests() + ", failures " + load.failures().size());
            assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
            assertThat(load.requests()).isGreaterThan(DEPLOYS * 20L);
        }
        assertThat(flipProblems).isEmpty();
        assertThat(fixture.containersOf(app)).as("one running colour and one stopped, nothing else")
                .hasSize(2)
                .anySatisfy(c -> assertThat(c.getState()).isEqualTo("running"))
                .anySatisfy(c -> assertThat(c.getState()).isEqualTo("exited"));
    }
}
