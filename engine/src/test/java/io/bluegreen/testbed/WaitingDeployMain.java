package io.bluegreen.testbed;

import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.PromotionTerms;
import io.bluegreen.deploy.WaitingColour;
import io.bluegreen.log.OperatorLog;
import java.time.Duration;

/**
 * A deploy without the switch in a JVM of its own, waiting for its promotion, so a test can kill it
 * with SIGKILL during the wait. Arguments: router-name router-port network app image wait-seconds.
 */
public final class WaitingDeployMain {
    private WaitingDeployMain() {
    }

    public static void main(String[] args) {
        DeployFixture settings = DeployFixture.of(args[0], Integer.parseInt(args[1]), args[2]);
        DeploySpec spec = settings.spec(args[3], args[4]);
        BlueGreenDeploy deployer = new BlueGreenDeploy(TestBed.docker(), OperatorLog.to(System.out));
        WaitingColour waiting = deployer.deployWithoutSwitch(spec,
                PromotionTerms.manual().withWait(Duration.ofSeconds(Long.parseLong(args[5]))));
        deployer.awaitDecision(spec, waiting);
    }

    public static String[] arguments(DeployFixture fixture, String app, String image, Duration wait) {
        return new String[] {fixture.routerName, Integer.toString(fixture.routerPort), fixture.network, app, image,
                Long.toString(wait.toSeconds())};
    }
}
