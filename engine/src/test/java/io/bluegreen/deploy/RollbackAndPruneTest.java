package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One-step rollback (kept colour, standby colour, or the previous image), status and history, and prune. */
@RequiresTestBed
class RollbackAndPruneTest {
    private static final DeployFixture fixture = new DeployFixture();
    private final BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, OperatorLog.to(System.out));

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void rollbackStartsTheKeptColourAndSwitchesBackUnderLoad() throws Exception {
        String app = fixture.newApp("bgt-rollback");
        deployer.deploy(fixture.spec(app, TestBed.APP_V1));
        deployer.deploy(fixture.spec(app, TestBed.APP_V2));
        AppStatus before = new AppInspector(fixture.docker).status(app, fixture.router());
        assertThat(before.live()).contains(Colour.GREEN);
        assertThat(before.history()).extracting(ContainerStatus::image).containsExactly(TestBed.APP_V2, TestBed.APP_V1);
        assertThat(before.liveContainers()).singleElement().satisfies(c -> assertThat(c.state()).isEqualTo("running"));

        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            DeployResult rolledBack = deployer.rollback(DeploySpec.forRollback(app).withNetwork(fixture.network)
                    .withContainerPort(TestBed.APP_PORT).withHealth(fixture.spec(app, TestBed.APP_V1).health())
                    .withRouter(fixture.router()));
            System.out.println("rollback to a stopped colour: switch " + rolledBack.switchTime().toMillis()
                    + " ms, " + rolledBack.untilServing().toMillis() + " ms until serving");
            long after = System.nanoTime();
            load.awaitAnswers(20);
            load.close();
            assertThat(load.failures()).isEmpty();
            assertThat(rolledBack.liveColour()).isEqualTo(Colour.BLUE);
            assertThat(rolledBack.image()).isEqualTo(TestBed.APP_V1);
            assertThat(load.versionsStartedBetween(after, Long.MAX_VALUE)).isNotEmpty().containsOnly("v1");
            assertThat(load.flipViolations("v2", "v1", 0, Long.MAX_VALUE)).isEmpty();
        }
        AppStatus after = new AppInspector(fixture.docker).status(app, fixture.router());
        assertThat(after.live()).contains(Colour.BLUE);
        assertThat(after.containers()).filteredOn(c -> c.colour() == Colour.GREEN)
                .singleElement().satisfies(c -> assertThat(c.state()).isEqualTo("exited"));
    }

    @Test
    void withStandbyTheRollbackIsASwitchToARunningColour() throws Exception {
        String app = fixture.newApp("bgt-standby");
        deployer.deploy(fixture.spec(app, TestBed.APP_V1).withStandby(true));
        deployer.deploy(fixture.spec(app, TestBed.APP_V2).withStandby(true));
        assertThat(fixture.containersOf(app)).allSatisfy(c -> assertThat(c.getState()).isEqualTo("running"));
        DeployResult rolledBack = deployer.rollback(fixture.spec(app, TestBed.APP_V1).withStandby(true));
        System.out.println("rollback to a running colour: switch " + rolledBack.switchTime().toMillis()
                + " ms, " + rolledBack.untilServing().toMillis() + " ms until serving");
        assertThat(rolledBack.liveColour()).isEqualTo(Colour.BLUE);
        assertThat(fixture.containersOf(app)).allSatisfy(c -> assertThat(c.getState()).isEqualTo("running"));
    }

    @Test
    void withNothingKeptTheRollbackDeploysThePreviousImage() {
        String app = fixture.newApp("bgt-keep0");
        deployer.deploy(fixture.spec(app, TestBed.APP_V1).withKeep(0));
        deployer.deploy(fixture.spec(app, TestBed.APP_V2).withKeep(0));
        assertThat(fixture.containersOf(app)).singleElement()
                .satisfies(c -> assertThat(c.getLabels().get(DeployLabels.IMAGE)).isEqualTo(TestBed.APP_V2));
        DeployResult rolledBack = deployer.rollback(fixture.spec(app, TestBed.APP_V2).withKeep(0));
        assertThat(rolledBack.liveColour()).isEqualTo(Colour.BLUE);
        assertThat(fixture.containersOf(app)).singleElement()
                .satisfies(c -> assertThat(c.getImageId()).isEqualTo(fixture.docker.inspectImageCmd(TestBed.APP_V1).exec().getId()));
    }

    /** "A failed deploy loses nothing": the colour kept for rollback survives it, and the rollback starts exactly that. */
    @Test
    void aFailedDeployKeepsTheColourBeforeItSoARollbackStillStartsIt() throws Exception {
        String app = fixture.newApp("bgt-failkeep");
        deployer.deploy(fixture.spec(app, TestBed.APP_V1).withCommit("1111111").withEnv("GREETING=kept"));
        deployer.deploy(fixture.spec(app, TestBed.APP_V2).withCommit("2222222").withEnv("GREETING=kept"));
        List<String> keptBefore = fixture.containersOf(app).stream()
                .filter(c -> Colour.BLUE.label().equals(c.getLabels().get(DeployLabels.COLOUR)))
                .map(c -> c.getId() + " " + c.getNames()[0] + " " + c.getState()).toList();
        assertThat(keptBefore).singleElement().asString().endsWith("exited");

        assertThatThrownBy(() -> deployer.deploy(fixture.spec(app, TestBed.APP_V1).withCommit("3333333")
                .withHealth(HealthCheckSpec.http("/missing").withDeadline(Duration.ofSeconds(3)))))
                .isInstanceOf(DeployFailedException.class).hasMessageContaining("phase healthy");
        assertThat(fixture.containersOf(app).stream()
                .filter(c -> Colour.BLUE.label().equals(c.getLabels().get(DeployLabels.COLOUR)))
                .map(c -> c.getId() + " " + c.getNames()[0] + " " + c.getState()).toList())
                .as("the kept blue container, same id and name, still stopped").isEqualTo(keptBefore);

        DeployResult back = deployer.rollback(fixture.spec(app, TestBed.APP_V1));
        assertThat(back.liveColour()).isEqualTo(Colour.BLUE);
        assertThat(back.commit()).isEqualTo("1111111");
        assertThat(PlainHttp.get("127.0.0.1", fixture.routerPort, app, "/version", Duration.ofSeconds(5)).body().trim())
                .isEqualTo("v1");
        String blue = keptBefore.get(0).substring(0, keptBefore.get(0).indexOf(' '));
        assertThat(fixture.docker.inspectContainerCmd(blue).exec().getConfig().getEnv()).contains("GREETING=kept");
    }

    @Test
    void pruneRemovesImagesBeyondTheKeptColourButNeverTheLiveOrRollbackOne() {
        String app = fixture.newApp("bgt-prune");
        List<String> builds = new ArrayList<>();
        for (String commit : List.of("aaaaaaa111", "bbbbbbb222", "ccccccc333")) {
            String tag = fixture.buildImage("prune", "FROM " + TestBed.APP_V1
                    + "\nLABEL org.opencontainers.image.revision=" + commit + "\n");
            builds.add(tag);
            deployer.deploy(fixture.spec(app, tag).withPruneImages(true));
        }
        assertThatThrownBy(() -> fixture.docker.inspectImageCmd(builds.get(0)).exec()).isInstanceOf(NotFoundException.class);
        fixture.docker.inspectImageCmd(builds.get(1)).exec();
        fixture.docker.inspectImageCmd(builds.get(2)).exec();
        AppStatus status = new AppInspector(fixture.docker).status(app, fixture.router());
        assertThat(status.history()).extracting(ContainerStatus::commit).containsExactly("ccccccc333", "bbbbbbb222");
        assertThat(status.liveContainers()).extracting(ContainerStatus::commit).containsExactly("ccccccc333");
    }
}
