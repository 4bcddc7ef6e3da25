package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.lock.EngineLock;
import io.bluegreen.lock.LockHeldException;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A rollout over many hosts holds each host's lock itself and runs the single-host deploy under it:
 * the same deploy id in the same process re-enters the lock, and only the outer holder releases it.
 */
@RequiresTestBed
class DeployLockReentryTest {
    private static final DeployFixture fixture = new DeployFixture();
    private static final OperatorLog log = OperatorLog.to(System.out);

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void theSameDeployIdReentersAndOnlyTheOuterHolderReleases() {
        String app = fixture.newApp("bgt-reenter");
        try (EngineLock outer = DeployLock.acquire(fixture.docker, app, TestBed.APP_V1, "rollout-a", Duration.ZERO, log)) {
            DeployLock.acquire(fixture.docker, app, TestBed.APP_V1, "rollout-a", Duration.ZERO, log).close();
            assertThat(DeployLock.holder(fixture.docker, app)).hasValueSatisfying(
                    holder -> assertThat(holder).containsEntry(DeployLabels.DEPLOY_ID, "rollout-a"));
            assertThatThrownBy(() -> DeployLock.acquire(fixture.docker, app, TestBed.APP_V1, "rollout-b", Duration.ZERO, log))
                    .isInstanceOf(LockHeldException.class).hasMessageContaining("rollout-a");
        }
        assertThat(DeployLock.holder(fixture.docker, app)).isEmpty();
    }

    @Test
    void aDeployUnderTheCallersIdRunsInsideTheHeldLockAndLeavesItHeld() {
        String app = fixture.newApp("bgt-reenter");
        try (EngineLock held = DeployLock.acquire(fixture.docker, app, TestBed.APP_V1, "rollout-c", Duration.ZERO, log)) {
            DeployResult result = new BlueGreenDeploy(fixture.docker, log).withDeployId("rollout-c")
                    .deploy(fixture.spec(app, TestBed.APP_V1).withLockWait(Duration.ZERO));
            assertThat(result.deployId()).isEqualTo("rollout-c");
            assertThat(result.liveColour()).isEqualTo(Colour.BLUE);
            assertThat(fixture.containersOf(app)).extracting(c -> c.getLabels().get(DeployLabels.DEPLOY_ID))
                    .contains("rollout-c");
            assertThat(DeployLock.holder(fixture.docker, app)).isPresent();
            assertThatThrownBy(() -> new BlueGreenDeploy(fixture.docker, log)
                    .deploy(fixture.spec(app, TestBed.APP_V2).withLockWait(Duration.ZERO)))
                    .isInstanceOfSatisfying(DeployFailedException.class, e -> assertThat(e.phase()).isEqualTo(Phase.LOCK));
        }
        assertThat(DeployLock.holder(fixture.docker, app)).isEmpty();
    }
}
