package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Container;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.image.ImageReference;
import io.bluegreen.image.RegistryClient;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.testbed.TestImages;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Staging and production as two targets (each its own router, network and app): production gets the
 * digest staging runs live, pulled from the registry by digest, even after the tag moved in the registry.
 */
@RequiresTestBed
class PromoteBetweenTargetsTest {
    private static final DeployFixture staging = new DeployFixture();
    private static final DeployFixture production = new DeployFixture();
    private static final ImageReference release = ImageReference.parse(
            TestBed.REGISTRY + "/" + TestBed.uniqueName("bgt-promote/app") + ":release", "image");
    private final BlueGreenDeploy deployer = new BlueGreenDeploy(staging.docker, OperatorLog.to(System.out));

    @AfterAll
    static void cleanUp() {
        staging.cleanUp();
        production.cleanUp();
        TestImages.remove(staging.docker, release.toString());
    }

    @Test
    void productionRunsTheDigestStagingRanAfterTheTagMoved() throws IOException {
        String testedDigest = push(TestBed.APP_V1);
        String stagingApp = staging.newApp("bgt-staging");
        deployer.deploy(staging.spec(stagingApp, release.toString()));
        String movedDigest = push(TestBed.APP_V2);
        assertThat(RegistryClient.of(TestBed.REGISTRY, RegistryCredentials.anonymous()).digest(release.apiPath(), release.tag()))
                .as("the tag moved in the registry").contains(movedDigest).isNotEqualTo(testedDigest);

        LiveImage tested = LiveImage.of(staging.docker, "staging", stagingApp, staging.spec(stagingApp, null).router());
        assertThat(tested.reference()).isEqualTo(release.repository() + "@" + testedDigest);
        String productionApp = production.newApp("bgt-production");
        DeployResult promoted = deployer.deploySameAs(tested, production.spec(productionApp, null),
                RegistryCredentials.anonymous());

        assertThat(promoted.digest()).isEqualTo(testedDigest);
        assertThat(PlainHttp.get("127.0.0.1", production.routerPort, productionApp, "/version", Duration.ofSeconds(5))
                .body().trim()).as("production answers what staging tested").isEqualTo("v1");
        Container live = production.containersOf(productionApp).stream().filter(c -> "running".equals(c.getState()))
                .findFirst().orElseThrow();
        assertThat(live.getLabels()).containsEntry(DeployLabels.DIGEST, testedDigest)
                .containsEntry(DeployLabels.PROMOTED_FROM, "staging " + stagingApp + " deploy "
                        + staging.containersOf(stagingApp).get(0).getLabels().get(DeployLabels.DEPLOY_ID));
    }

    @Test
    void anImageNoRegistryKnowsIsRefused() {
        String app = staging.newApp("bgt-local");
        String builtHere = staging.buildImage("bgt-local", "FROM " + TestBed.APP_V1 + "\nLABEL built=here\n");
        deployer.deploy(staging.spec(app, builtHere));
        assertThatThrownBy(() -> LiveImage.of(staging.docker, "staging", app, staging.spec(app, null).router()))
                .hasMessageContaining("cannot promote from staging: its live image " + builtHere + " has no registry digest");
    }

    private static String push(String image) {
        return TestImages.pushAs(staging.docker, image, release);
    }
}
