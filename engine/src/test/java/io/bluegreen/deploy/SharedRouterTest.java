package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Several teams' apps behind one router, deployed at the same moment while one of them brings a
 * directive nginx rejects: the router's lock keeps every {@code nginx -t} and reload to whole files,
 * so the bad app fails alone and the others never notice.
 */
@RequiresTestBed
class SharedRouterTest {
    private static final int ROUNDS = 10;
    private static final DeployFixture fixture = new DeployFixture();

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void threeGoodAppsAndOneBadDeployedTogetherTenTimesTheBadFailsAloneAndNoRequestFails() throws Exception {
        BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, OperatorLog.to(System.out));
        List<String> good = List.of(fixture.newApp("bgt-shop"), fixture.newApp("bgt-blog"), fixture.newApp("bgt-api"));
        String bad = fixture.newApp("bgt-typo");
        for (String app : good) {
            deployer.deploy(fixture.spec(app, TestBed.APP_V1));
        }
        deployer.deploy(fixture.spec(bad, TestBed.APP_V1));

        List<LoadGenerator> loads = new ArrayList<>();
        for (String app : List.of(good.get(0), good.get(1), good.get(2), bad)) {
            loads.add(new LoadGenerator("127.0.0.1", fixture.routerPort, app, "/version", java.util.Set.of("v1", "v2"), 2).start());
        }
        List<String> problems = new ArrayList<>();
        ExecutorService deploys = Executors.newFixedThreadPool(4);
        try {
            loads.get(0).awaitAnswers(20);
            for (int round = 1; round <= ROUNDS; round++) {
                String from = round % 2 == 1 ? "v1" : "v2";
                String to = round % 2 == 1 ? "v2" : "v1";
                long start = System.nanoTime();
                Map<String, Future<DeployResult>> running = new java.util.LinkedHashMap<>();
                for (String app : good) {
                    running.put(app, deploys.submit(() -> deployer.deploy(fixture.spec(app, "bluegreen-test/app:" + to))));
                }
                Future<DeployResult> typo = deploys.submit(() -> deployer.deploy(fixture.spec(bad, TestBed.APP_V2)
                        .withRouter(fixture.router().withServerNames(bad + ".example.test")
                                .withDirectives("proxy_buferring off;"))));
                for (Map.Entry<String, Future<DeployResult>> deploy : running.entrySet()) {
                    try {
                        deploy.getValue().get(120, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        problems.add("round " + round + ": " + deploy.getKey() + " failed: " + e.getCause().getMessage());
                    }
                }
                try {
                    typo.get(120, TimeUnit.SECONDS);
                    problems.add("round " + round + ": the bad config was accepted");
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(DeployFailedException.class)
                            .hasMessageContaining("nginx -t rejected the config for " + bad)
                            .hasMessageContaining("unknown directive \"proxy_buferring\"");
                }
                for (int i = 0; i < good.size(); i++) {
                    loads.get(i).awaitAnswers(10);
                }
                long end = System.nanoTime();
                for (int i = 0; i < good.size(); i++) {
                    int n = round;
                    String app = good.get(i);
                    loads.get(i).flipViolations(from, to, start, end).forEach(v -> problems.add("round " + n + ": " + app + ": " + v));
                    List<String> after = loads.get(i).versionsStartedBetween(end - 1, Long.MAX_VALUE);
                    after.stream().filter(version -> !version.equals(to)).findFirst()
                            .ifPresent(v -> problems.add("round " + n + ": " + app + " still answers " + v));
                }
            }
        } finally {
            deploys.shutdownNow();
            for (LoadGenerator load : loads) {
                load.close();
            }
        }
        assertThat(problems).isEmpty();
        for (LoadGenerator load : loads) {
            assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
        }
        assertThat(loads.get(3).answers()).as("the bad app kept serving its old version")
                .isNotEmpty().allSatisfy(answer -> assertThat(answer.version()).isEqualTo("v1"));
    }
}
