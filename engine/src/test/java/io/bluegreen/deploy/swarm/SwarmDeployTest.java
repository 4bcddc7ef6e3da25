package io.bluegreen.deploy.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Task;
import io.bluegreen.deploy.AppStatus;
import io.bluegreen.deploy.DeployFailedException;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.deploy.LiveImage;
import io.bluegreen.deploy.Phase;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.image.ImageReference;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestHosts;
import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blue-green deploys on the test bed's three-node Swarm, with load through every node's router. */
@RequiresTestBed
class SwarmDeployTest {
    private SwarmFixture swarm;
    private SwarmBlueGreenDeploy deploy;
    private final List<String> logLines = new ArrayList<>();

    @BeforeEach
    void setUp() {
        swarm = new SwarmFixture();
        deploy = new SwarmBlueGreenDeploy(swarm.manager, line -> {
            synchronized (logLines) {
                logLines.add(line);
            }
            System.out.println(line);
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        swarm.close();
    }

    @Test
    void deploySpreadsOverTheNodesAndRollsBackUnderLoadWithoutAFailedRequest() throws Exception {
        DeployResult first = deploy.deploy(swarm.spec("v1"));
        assertThat(first.liveColour()).isEqualTo(Colour.BLUE);
        assertThat(first.digest()).startsWith("sha256:");

        List<LoadGenerator> load = swarm.loadOnEveryNode();
        try {
            for (LoadGenerator node : load) {
                node.awaitAnswers(20);
            }
            DeployResult second = deploy.deploy(swarm.spec("v2"));
            assertThat(second.liveColour()).isEqualTo(Colour.GREEN);
            assertThat(second.previousColour()).isEqualTo(Colour.BLUE);
            assertThat(second.phaseDurations()).containsKeys(Phase.CREATE, Phase.HEALTHY, Phase.SWITCH, Phase.DRAIN, Phase.STOP);
            Set<String> greenNodes = nodesRunning(swarm.app + "-green");
            assertThat(greenNodes).as("nodes running the new colour's 3 tasks").hasSizeGreaterThanOrEqualTo(2);
            for (int node = 1; node <= TestHosts.SWARM_SIZE; node++) {
                assertThat(versionThrough(node)).as("node %d after the deploy", node).isEqualTo("v2");
            }

            DeployResult back = deploy.rollback(swarm.rollbackSpec());
            assertThat(back.liveColour()).isEqualTo(Colour.BLUE);
            for (int node = 1; node <= TestHosts.SWARM_SIZE; node++) {
                assertThat(versionThrough(node)).as("node %d after the rollback", node).isEqualTo("v1");
            }
            for (LoadGenerator node : load) {
                node.awaitAnswers(20);
            }
        } finally {
            for (LoadGenerator node : load) {
                node.close();
            }
        }
        long requests = load.stream().mapToLong(LoadGenerator::requests).sum();
        List<String> failures = load.stream().flatMap(node -> node.failures().stream()).toList();
        System.out.println("requests through the three routers: " + requests + ", failed: " + failures.size());
        assertThat(requests).isGreaterThan(100);
        assertThat(failures).isEmpty();

        AppStatus status = deploy.status(swarm.app);
        assertThat(status.live()).contains(Colour.BLUE);
        assertThat(status.liveContainers()).hasSize(TestHosts.SWARM_SIZE)
                .allSatisfy(task -> assertThat(task.commit()).isEqualTo("commit-v1"));
        assertThat(status.containers()).filteredOn(task -> task.colour() == Colour.GREEN)
                .singleElement().satisfies(kept -> assertThat(kept.state()).isEqualTo("scaled to 0"));
        assertThat(status.lockHolder()).isEmpty();
    }

    @Test
    void anImageThatNeverGetsHealthyNeverBecomesLive() throws Exception {
        deploy.deploy(swarm.spec("v1"));
        List<LoadGenerator> load = swarm.loadOnEveryNode();
        try {
            assertThatThrownBy(() -> deploy.deploy(swarm.spec("v2")
                    .withHealth(HealthCheckSpec.http("/not-there").withDeadline(Duration.ofSeconds(8)))))
                    .isInstanceOfSatisfying(DeployFailedException.class, failure -> {
                        assertThat(failure.phase()).isEqualTo(Phase.HEALTHY);
                        assertThat(failure.getMessage()).contains(swarm.app + "-green", "0 of 3 tasks running", "starting");
                    });
        } finally {
            for (LoadGenerator node : load) {
                node.close();
            }
        }
        assertThat(load.stream().flatMap(node -> node.failures().stream()).toList()).isEmpty();
        assertThat(swarm.appServices()).extracting(service -> service.getSpec().getName())
                .doesNotContain(swarm.app + "-green");
        assertThat(deploy.status(swarm.app).live()).contains(Colour.BLUE);
        for (int node = 1; node <= TestHosts.SWARM_SIZE; node++) {
            assertThat(versionThrough(node)).isEqualTo("v1");
        }
        assertThat(logLines).anyMatch(line -> line.contains("blue still serves, untouched"));
    }

    /**
     * A Swarm can be promoted from: it offers what its live colour runs, pinned at the digest its nodes pulled
     * (not the tag, which may move), and where it came from; with nothing live it refuses, saying so.
     */
    @Test
    void aSwarmOffersItsLiveImagePinnedByDigestForPromotion() {
        assertThatThrownBy(() -> deploy.liveImage("staging", swarm.app)).isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("cannot promote from staging: its router sends no traffic to " + swarm.app);

        DeployResult first = deploy.deploy(swarm.spec("v1"));
        LiveImage live = deploy.liveImage("staging", swarm.app);
        assertThat(live.digest()).startsWith("sha256:").isEqualTo(first.digest());
        assertThat(live.reference()).isEqualTo(ImageReference.parse(first.image(), "image").repository() + "@" + first.digest());
        assertThat(live.commit()).isEqualTo(first.commit());
        assertThat(live.source()).isEqualTo("staging " + swarm.app + " deploy " + first.deployId());
    }

    @Test
    void badInputFailsBeforeAnythingChanges() {
        assertThatThrownBy(() -> deploy.deploy(swarm.spec("v1").withHealth(HealthCheckSpec.http("health"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("health.path"));
        assertThatThrownBy(() -> deploy.deploy(swarm.spec("v1").withImage("10.231.0.1:5000/Bad Name:v1")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("image"));
        assertThatThrownBy(() -> deploy.deploy(swarm.spec("v1").withImage(TestHosts.image("app:no-such-tag"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("not in the registry"));
        assertThatThrownBy(() -> deploy.deploy(swarm.spec("v1").withHealth(HealthCheckSpec.http("/health")
                .withAcceptedStatuses(200, 404))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("health.acceptedStatuses"));
        assertThat(swarm.appServices()).isEmpty();
        assertThat(new SwarmServices(swarm.manager).find(SwarmLock.serviceName(swarm.app))).isEmpty();
    }

    private Set<String> nodesRunning(String service) {
        List<Task> tasks = swarm.manager.listTasksCmd().withServiceFilter(service).exec();
        return tasks.stream().filter(TaskGate::runs).map(Task::getNodeId).collect(Collectors.toSet());
    }

    private String versionThrough(int node) throws Exception {
        return PlainHttp.get(TestHosts.address(node), swarm.routerPort, swarm.app, "/version", Duration.ofSeconds(5))
                .body().trim();
    }
}
