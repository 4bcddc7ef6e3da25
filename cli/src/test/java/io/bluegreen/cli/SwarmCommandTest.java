package io.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.swarm.SwarmFixture;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.targets.EngineConnector;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.testbed.TestHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bluegreen deploy, status and rollback with --swarm against the test bed's three-node Swarm, over TLS. */
@RequiresTestBed
class SwarmCommandTest {

    @Test
    void deployStatusAndRollbackOnTheSwarm() throws Exception {
        try (SwarmFixture swarm = new SwarmFixture()) {
            assertThat(run(swarm, "deploy", "--image", TestHosts.image("app:v1"))).contains("[" + swarm.app + "] live     blue");
            assertThat(run(swarm, "deploy", "--image", TestHosts.image("app:v2"))).contains("[" + swarm.app + "] live     green");
            assertThat(answer(swarm)).isEqualTo("v2");
            assertThat(run(swarm, "status")).contains(swarm.app + ": live green").contains(swarm.app + "-green");
            assertThat(run(swarm, "rollback")).contains("[" + swarm.app + "] live     blue");
            assertThat(answer(swarm)).isEqualTo("v1");

            CliRun waiting = CliRun.of(args(swarm, "deploy", "--image", TestHosts.image("app:v2"), "--no-switch")
                    .toArray(String[]::new));
            assertThat(waiting.exitCode()).as(waiting.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(waiting.err()).contains("--no-switch: '" + TestHosts.swarmManager().label() + "' is a Swarm")
                    .contains("promote between targets");
            assertThat(answer(swarm)).as("still live after the refusal").isEqualTo("v1");
            Path tls = TestHosts.clientTlsDirectory();
            assertThat(CliRun.succeeding(List.of("unlock", swarm.app, "--swarm", "--engine", TestHosts.swarmManager().uri().toString(),
                    "--tls-ca", tls.resolve("ca.pem").toString(), "--tls-cert", tls.resolve("cert.pem").toString(),
                    "--tls-key", tls.resolve("key.pem").toString()))).contains(swarm.app + ": not locked");
        }
    }

    /**
     * Every default the Swarm target has (network, router name, published port, replicas, health
     * path), on a manager where a single-host deploy already made its default network, a bridge.
     */
    @Test
    void deployWithEveryDefaultOnAManagerThatHasTheSingleHostNetwork() throws Exception {
        try (SwarmFixture swarm = new SwarmFixture();
             DockerClient manager = EngineConnector.connect(TestHosts.swarmManager(), OperatorLog.silent())) {
            boolean madeBridge = manager.listNetworksCmd().withNameFilter(DeploySpec.DEFAULT_NETWORK).exec().stream()
                    .noneMatch(network -> network.getName().equals(DeploySpec.DEFAULT_NETWORK));
            if (madeBridge) {
                manager.createNetworkCmd().withName(DeploySpec.DEFAULT_NETWORK).withDriver("bridge").exec();
            }
            try {
                assertThat(manager.inspectNetworkCmd().withNetworkId(DeploySpec.DEFAULT_NETWORK).exec().getScope())
                        .as("the single-host default network on the manager").isEqualTo("local");
                Path tls = TestHosts.clientTlsDirectory();

                String deployed = CliRun.succeeding(List.of("deploy", swarm.app, "--swarm",
                        "--engine", TestHosts.swarmManager().uri().toString(), "--tls-ca", tls.resolve("ca.pem").toString(),
                        "--tls-cert", tls.resolve("cert.pem").toString(), "--tls-key", tls.resolve("key.pem").toString(),
                        "--image", TestHosts.image("app:v1"), "--port", String.valueOf(TestBed.APP_PORT),
                        "--router-image", TestHosts.image("nginx:latest")));

                assertThat(deployed).contains("[" + swarm.app + "] live     blue");
                assertThat(manager.inspectNetworkCmd().withNetworkId(DeploySpec.DEFAULT_SWARM_NETWORK).exec().getDriver())
                        .isEqualTo("overlay");
                assertThat(PlainHttp.get(TestHosts.address(1), 80, swarm.app, "/version", Duration.ofSeconds(5)).body().strip())
                        .isEqualTo("v1");
            } finally {
                if (madeBridge) {
                    manager.removeNetworkCmd(DeploySpec.DEFAULT_NETWORK).exec();
                }
            }
        }
    }

    private static String answer(SwarmFixture swarm) throws Exception {
        return PlainHttp.get(TestHosts.address(1), swarm.routerPort, swarm.app, "/version", Duration.ofSeconds(5)).body().strip();
    }

    private static String run(SwarmFixture swarm, String command, String... more) {
        return CliRun.succeeding(args(swarm, command, more));
    }

    private static List<String> args(SwarmFixture swarm, String command, String... more) {
        Path tls = TestHosts.clientTlsDirectory();
        List<String> args = new ArrayList<>(List.of(command, swarm.app, "--swarm",
                "--engine", TestHosts.swarmManager().uri().toString(), "--tls-ca", tls.resolve("ca.pem").toString(),
                "--tls-cert", tls.resolve("cert.pem").toString(), "--tls-key", tls.resolve("key.pem").toString()));
        args.addAll(List.of(more));
        if (!command.equals("status")) {
            args.addAll(List.of("--network", swarm.network, "--replicas", "3", "--port", String.valueOf(TestBed.APP_PORT),
                    "--health-path", "/health", "--drain-timeout", "1", "--stop-timeout", "5",
                    "--router-image", TestHosts.image("nginx:latest"), "--publish", "0.0.0.0:" + swarm.routerPort));
        }
        return args;
    }
}
