package io.bluegreen.testbed;

import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.log.OperatorLog;
import java.time.Duration;

/**
 * A deploy in a JVM of its own, so a test can kill it with SIGKILL at a chosen phase line.
 * Arguments: router-name router-port network app image drain-millis.
 */
public final class DeployMain {
    private DeployMain() {
    }

    public static void main(String[] args) {
        DeployFixture settings = DeployFixture.of(args[0], Integer.parseInt(args[1]), args[2]);
        new BlueGreenDeploy(TestBed.docker(), OperatorLog.to(System.out))
                .deploy(settings.spec(args[3], args[4]).withDrainTimeout(Duration.ofMillis(Long.parseLong(args[5]))));
    }

    public static String[] arguments(DeployFixture fixture, String app, String image, Duration drain) {
        return new String[] {fixture.routerName, Integer.toString(fixture.routerPort), fixture.network, app, image,
                Long.toString(drain.toMillis())};
    }
}
