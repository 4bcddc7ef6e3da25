package io.jenkins.plugins.bluegreen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.health.PlainHttp;
import io.bluegreen.testbed.HostsFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.testbed.TestHosts;
import io.jenkins.plugins.bluegreen.TestHostsTls;
import io.jenkins.plugins.bluegreen.targets.DeployTarget;
import io.jenkins.plugins.bluegreen.targets.DeployTargets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The write-up's last step in a Pipeline: staging (one namespace engine) runs what {@code latest} named
 * when it deployed; {@code latest} then moves to a newer build; {@code blueGreenDeploy from: 'staging'} still
 * puts on production (another engine) exactly the digest staging runs, and records where it came from.
 */
@RequiresTestBed
@WithJenkins
class PromoteBetweenTargetsFlowTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final int STAGING = 3;
    private static final int PRODUCTION = 4;

    private final HostsFixture fixture = new HostsFixture(PRODUCTION);
    private final String app = fixture.newApp("plugin-promoted");
    private final String path = "plugin-test/" + TestBed.uniqueName("promoted");

    @AfterEach
    void cleanUp() {
        fixture.cleanUp();
    }

    private DeployTarget target(String name, int host, String tls) {
        DeployTarget target = new DeployTarget(name, TestHosts.host(host).uri().toString());
        target.setTlsCredentialsId(tls);
        target.setRouterName(fixture.routerName);
        target.setRouterImage(TestHosts.image("nginx:latest"));
        target.setRouterAddress(TestHosts.address(host));
        target.setRouterPort(fixture.routerPort);
        target.setHealthPath("/health");
        return target;
    }

    @Test
    void productionGetsTheDigestStagingRunsEvenAfterTheTagMoved(JenkinsRule r) throws Exception {
        String tls = TestHostsTls.add();
        DeployTargets.get().setTargets(List.of(target("staging", STAGING, tls), target("production", PRODUCTION, tls)));
        // Built and retagged through the registry's loopback address; the hosts reach the same registry as TestHosts.registry().
        String pushed = TestBed.REGISTRY + "/" + path;
        String forHosts = fixture.registryImage(TestHosts.registry() + "/" + path + ":latest");
        String c1 = String.format("%040x", 0xc1);
        String c2 = String.format("%040x", 0xc2);
        WorkflowJob job = r.createProject(WorkflowJob.class, "staging-to-production");
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  writeFile file: 'Dockerfile', text: '''" + DockerFlowTest.DOCKERFILE + "'''\n"
                + "  def v1 = dockerBuildTag image: '" + pushed + "', commit: '" + c1 + "', buildArgs: 'VERSION=v1', push: true\n"
                + "  retagLatest image: '" + pushed + "', from: v1.commit\n"
                + "  blueGreenDeploy app: '" + app + "', image: '" + forHosts + "', target: 'staging', containerPort: 8080\n"
                + "  def v2 = dockerBuildTag image: '" + pushed + "', commit: '" + c2 + "', buildArgs: 'VERSION=v2', push: true\n"
                + "  def latest = retagLatest image: '" + pushed + "', from: v2.commit\n"
                + "  def p = blueGreenDeploy app: '" + app + "', from: 'staging', target: 'production', containerPort: 8080\n"
                + "  echo \"PRODUCTION digest=${p.digest} commit=${p.commit} v1=${v1.digest} latest=${latest.digest}\"\n"
                + "}\n", true));
        WorkflowRun build = r.buildAndAssertSuccess(job);

        Matcher result = Pattern.compile("PRODUCTION digest=(\\S+) commit=(\\S+) v1=(\\S+) latest=(\\S+)")
                .matcher(JenkinsRule.getLog(build));
        assertTrue(result.find(), "the Pipeline printed its result");
        fixture.registryImage(TestHosts.registry() + "/" + path + "@" + result.group(3));
        assertEquals(result.group(3), result.group(1), "production runs the digest staging tested");
        assertNotEquals(result.group(1), result.group(4), "though latest names the newer build by then");
        assertEquals(c1, result.group(2));
        assertEquals("v1", PlainHttp.get(TestHosts.address(PRODUCTION), fixture.routerPort, app, "/version",
                Duration.ofSeconds(5)).body().trim(), "production answers what staging answered");
        r.assertLogContains("promoting " + TestHosts.registry() + "/" + path + "@" + result.group(3), build);
        List<String> sources = fixture.containersOf(PRODUCTION, app).stream()
                .map(c -> c.getLabels().get("io.bluegreen.promoted-from")).filter(Objects::nonNull).toList();
        assertEquals(1, sources.size(), "the production container records where its image came from: " + sources);
        assertTrue(sources.get(0).startsWith("staging " + app + " deploy "), sources.get(0));
    }
}
