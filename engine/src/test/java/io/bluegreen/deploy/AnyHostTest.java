package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.health.PlainHttp;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An app deployed without server names is reached the way a browser reaches it: any host name on its
 * router. Only one app per router can be that app; a second is refused before anything changes.
 */
@RequiresTestBed
class AnyHostTest {
    private static final DeployFixture fixture = new DeployFixture();

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void anAppWithoutServerNamesAnswersEveryHostAndASecondOneIsRefusedBeforeAnythingChanges() throws IOException {
        List<String> lines = new ArrayList<>();
        BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, line -> {
            System.out.println(line);
            lines.add(line);
        });
        String first = fixture.newApp("bgt-site");
        deployer.deploy(fixture.spec(first, TestBed.APP_V1).withRouter(fixture.router()));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(first + " answers every host name on router " + fixture.routerName));
        assertThat(version("127.0.0.1:" + fixture.routerPort)).as("what a browser at http://server/ sends").isEqualTo("v1");
        assertThat(version("shop.example.test")).isEqualTo("v1");

        String second = fixture.newApp("bgt-other");
        assertThatThrownBy(() -> deployer.deploy(fixture.spec(second, TestBed.APP_V2).withRouter(fixture.router())))
                .hasRootCauseInstanceOf(InvalidInputException.class)
                .hasMessageContaining("router.serverNames")
                .hasMessageContaining("app " + first + " already answers every host name on router " + fixture.routerName)
                .hasMessageContaining("give " + second + " its own host names");
        assertThat(fixture.containersOf(second)).as("nothing of the refused app was made").isEmpty();
        assertThat(version(second)).as("its name still reaches the first app").isEqualTo("v1");

        deployer.deploy(fixture.spec(second, TestBed.APP_V2));
        assertThat(version(second + ".example.test")).isEqualTo("v2");
        assertThat(version("127.0.0.1:" + fixture.routerPort)).isEqualTo("v1");
        deployer.deploy(fixture.spec(first, TestBed.APP_V2).withRouter(fixture.router()));
        assertThat(version("127.0.0.1:" + fixture.routerPort)).as("a redeploy keeps every host").isEqualTo("v2");
    }

    private static String version(String host) throws IOException {
        return PlainHttp.get("127.0.0.1", fixture.routerPort, host, "/version", Duration.ofSeconds(5)).body().trim();
    }
}
