package io.bluegreen.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.deploy.DeployLabels;
import io.bluegreen.health.HealthTarget;
import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router's published port is open to strangers, and its preview host names reach single
 * containers. Only a deploy's own health probes get through, to its own containers and declared port.
 */
@RequiresTestBed
class PreviewTest {
    private static final DeployFixture fixture = new DeployFixture();
    private static String shop;
    private static String blog;

    @BeforeAll
    static void twoAppsOnOneRouter() {
        BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, OperatorLog.silent());
        shop = fixture.newApp("bgt-shop");
        blog = fixture.newApp("bgt-blog");
        deployer.deploy(fixture.spec(shop, TestBed.APP_V1));
        deployer.deploy(fixture.spec(blog, TestBed.APP_V2));
    }

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void withoutTheDeploysKeyAPreviewHostGetsThePlain404() throws IOException {
        String container = runningContainer(shop);
        assertThat(get(NginxConfig.previewHost(container, TestBed.APP_PORT), Map.of()).status()).isEqualTo(404);
        assertThat(get(NginxConfig.previewHost(container, TestBed.APP_PORT),
                Map.of(NginxConfig.PREVIEW_HEADER, "0123456789abcdef0123456789abcdef")).status()).isEqualTo(404);
        assertThat(get(NginxConfig.previewHost(container, TestBed.APP_PORT),
                Map.of(NginxConfig.PREVIEW_HEADER, "../../../../etc/passwd")).status()).isEqualTo(404);
    }

    @Test
    void theKeyOpensOnlyTheDeployedAppsContainersOnTheirDeclaredPortUntilClosed() throws IOException {
        Router router = fixture.router().open(fixture.docker, OperatorLog.silent());
        String container = runningContainer(shop);
        HealthTarget probe = router.healthTarget(shop, Colour.BLUE, container, container, TestBed.APP_PORT);
        HttpAnswer answer = get(probe.host(), probe.headers());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().trim()).isEqualTo("v1");

        assertThat(get(NginxConfig.previewHost(container, 22), probe.headers()).status()).as("another port").isEqualTo(404);
        assertThat(get(NginxConfig.previewHost(runningContainer(blog), TestBed.APP_PORT), probe.headers()).status())
                .as("another app's container").isEqualTo(404);

        router.closePreviews(shop);
        assertThat(get(probe.host(), probe.headers()).status()).as("after the health gate").isEqualTo(404);
    }

    @Test
    void aDeployLeavesNoPreviewOpen() {
        String app = fixture.newApp("bgt-next");
        BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, OperatorLog.silent());
        deployer.deploy(fixture.spec(app, TestBed.APP_V1));
        deployer.deploy(fixture.spec(app, TestBed.APP_V2));
        assertThat(new ContainerFiles(fixture.docker, fixture.routerName).readAll(NginxConfig.PREVIEW_KEYS))
                .as("the preview keys on the router").containsOnlyKeys("preview/README");
    }

    private static String runningContainer(String app) {
        return fixture.containersOf(app).stream().filter(c -> "running".equals(c.getState()))
                .filter(c -> c.getLabels().containsKey(DeployLabels.COLOUR)).map(Container::getNames)
                .map(names -> names[0].substring(1)).findFirst().orElseThrow();
    }

    private static HttpAnswer get(String host, Map<String, String> headers) throws IOException {
        return PlainHttp.get("127.0.0.1", fixture.routerPort, host, headers, "/version", Duration.ofSeconds(5));
    }
}
