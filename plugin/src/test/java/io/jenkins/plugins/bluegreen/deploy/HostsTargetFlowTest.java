package io.jenkins.plugins.bluegreen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.testbed.HostsFixture;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestHosts;
import io.jenkins.plugins.bluegreen.TestHostsTls;
import io.jenkins.plugins.bluegreen.targets.DeployTarget;
import io.jenkins.plugins.bluegreen.targets.DeployTargets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A Pipeline deploys to a target of kind hosts: two of the test bed's namespace engines, reached
 * with TLS client credentials from the Jenkins credential store, each serving the new version
 * through its own router afterwards.
 */
@RequiresTestBed
@WithJenkins
class HostsTargetFlowTest {
    private final HostsFixture fixture = new HostsFixture(2);
    private final String app = fixture.newApp("plugin-hosts");

    @AfterEach
    void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void pipelineRollsOutToEveryHostOfTheTarget(JenkinsRule r) throws Exception {
        String tls = TestHostsTls.add();
        DeployTarget fleet = fleet(tls);

        WorkflowJob job = r.createProject(WorkflowJob.class, "fleet-deploy");
        job.setDefinition(new CpsFlowDefinition("def d = blueGreenDeploy app: '" + app + "', image: '"
                + TestHosts.image("app:v2") + "', target: 'fleet', containerPort: 8080, drainSeconds: 0,"
                + " serverNames: '" + app + ".example.test',"
                + " commit: 'feedface'\n"
                + "echo \"RESULT colour=${d.colour} commit=${d.commit}"
                + " web1=${d.hosts.web1.status}/${d.hosts.web1.colour} web2=${d.hosts.web2.status}/${d.hosts.web2.colour}\"\n",
                true));
        WorkflowRun run = r.buildAndAssertSuccess(job);

        r.assertLogContains("RESULT colour=blue commit=feedface web1=deployed/blue web2=deployed/blue", run);
        r.assertLogContains("wave 2/2", run);
        for (int host = 1; host <= 2; host++) {
            HttpAnswer answer = PlainHttp.get(TestHosts.address(host), fixture.routerPort, app, "/version",
                    Duration.ofSeconds(5));
            assertEquals(200, answer.status(), "host " + host);
            assertEquals("v2", answer.body().trim(), "host " + host + " serves the new version");
        }
        DeployRecord record = DeployAction.of(run).getRecords().get(0);
        assertTrue(record.getHosts().keySet().containsAll(List.of("web1", "web2")), record.getHosts().toString());

        // A hotfix job puts another commit on web2 alone: the Deployments page reads the fleet's hosts and shows it.
        DeployTarget web2 = new DeployTarget("web2-only", TestHosts.host(2).uri().toString());
        web2.setTlsCredentialsId(tls);
        web2.setRouterName(fixture.routerName);
        web2.setRouterImage(TestHosts.image("nginx:latest"));
        web2.setRouterPort(fixture.routerPort);
        DeployTargets.get().setTargets(List.of(fleet, web2));
        WorkflowJob hotfix = r.createProject(WorkflowJob.class, "hotfix");
        hotfix.setDefinition(new CpsFlowDefinition("blueGreenDeploy app: '" + app + "', image: '"
                + TestHosts.image("app:v1") + "', target: 'web2-only', containerPort: 8080, drainSeconds: 0,"
                + " serverNames: '" + app + ".example.test', commit: 'c0ffee00'\n", true));
        r.buildAndAssertSuccess(hotfix);
        JSONArray cells = r.createWebClient().getJSON("deployments/api/json").getJSONObject().getJSONArray("apps")
                .getJSONObject(0).getJSONArray("deployments");
        JSONObject fleetCell = cells.getJSONObject(0).getString("target").equals("fleet") ? cells.getJSONObject(0)
                : cells.getJSONObject(1);
        List<Object> drift = List.copyOf(fleetCell.getJSONArray("drift"));
        // Two hosts, two commits: whichever the page takes for the majority, the other host is the drift.
        assertTrue(drift.equals(List.of("web2 serves c0ffee00")) || drift.equals(List.of("web1 serves feedface")),
                "the fleet's cell shows the host that differs: " + fleetCell);
    }

    /** The job page's rollback on a fleet runs the rollout's waves backwards: every host serves the version before. */
    @Test
    void rollbackFromTheJobPageTakesEveryHostBackInWaves(JenkinsRule r) throws Exception {
        fleet(TestHostsTls.add());
        WorkflowJob job = r.createProject(WorkflowJob.class, "fleet-rollback");
        for (String version : List.of("v1", "v2")) {
            job.setDefinition(new CpsFlowDefinition("blueGreenDeploy app: '" + app + "', image: '" + TestHosts.image("app:" + version)
                    + "', target: 'fleet', containerPort: 8080, drainSeconds: 0, serverNames: '" + app + ".example.test',"
                    + " commit: '" + version + "0000'\n", true));
            r.buildAndAssertSuccess(job);
        }
        assertEquals(List.of("v2", "v2"), versionsServed());

        JenkinsRule.WebClient client = r.createWebClient();
        client.getOptions().setJavaScriptEnabled(false);
        client.getPage(DockerFlowTest.rollback(client, job, "fleet", app));
        r.waitUntilNoActivity();

        assertEquals(List.of("v1", "v1"), versionsServed(), "both hosts serve the version before");
        AuditTrail.Entry rollback = AuditTrail.of(job, "fleet", app).get(0);
        assertEquals("rollback", rollback.getAction());
        assertTrue(rollback.isSucceeded(), rollback.getResult());
        assertTrue(rollback.getResult().contains("is live on blue with commit v10000"), rollback.getResult());
        String log = client.goTo(rollback.getUrl() + "progressiveText", "text/plain").getWebResponse().getContentAsString();
        assertTrue(log.contains("rollback ") && log.contains("on 2 host(s) in 2 wave(s)"), log);
        assertTrue(log.contains("wave 2/2"), log);
        assertEquals(List.of(DeployHistory.State.ROLLED_BACK, DeployHistory.State.LIVE),
                DeployHistory.of(job).entries("fleet", app).stream().map(DeployHistory.Entry::getState).toList());
    }

    /**
     * promotion: 'manual' on a fleet: the new colour waits on both hosts while both still serve v1, and after the
     * build's input blueGreenPromote switches them in the target's waves, canary first.
     */
    @Test
    void manualPromotionWaitsOnEveryHostThenPromotesThemInWaves(JenkinsRule r) throws Exception {
        fleet(TestHostsTls.add());
        String common = "app: '" + app + "', target: 'fleet', containerPort: 8080, drainSeconds: 0, serverNames: '" + app
                + ".example.test'";
        WorkflowJob job = r.createProject(WorkflowJob.class, "fleet-promote");
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy " + common + ", image: '" + TestHosts.image("app:v1")
                + "', commit: 'v10000'\n"
                + "def w = blueGreenDeploy " + common + ", image: '" + TestHosts.image("app:v2") + "', commit: 'v20000',"
                + " promotion: 'manual', preChecks: 'GET /version 200 contains v2'\n"
                + "echo \"WAITING ${w.colour}\"\n"
                + "input id: 'Promote', message: 'Promote v2?'\n"
                + "def p = blueGreenPromote app: '" + app + "', target: 'fleet'\n"
                + "echo \"PROMOTED ${p.colour} web1=${p.hosts.web1.status} web2=${p.hosts.web2.status}\"\n", true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        PromotionFlowTest.awaitInput(build);
        assertEquals(List.of("v1", "v1"), versionsServed(), "users on both hosts while the colour waits");

        JenkinsRule.WebClient client = r.createWebClient();
        client.getPage(PromotionFlowTest.proceed(client, build));
        r.assertBuildStatusSuccess(r.waitForCompletion(build));

        r.assertLogContains("WAITING green", build);
        r.assertLogContains("PROMOTED green web1=deployed web2=deployed", build);
        r.assertLogContains("promotion ", build);
        r.assertLogContains("wave 2/2", build);
        assertEquals(List.of("v2", "v2"), versionsServed(), "both hosts serve the promoted version");
    }

    /** Two namespace hosts, web1 first (the canary), one host per wave, with the test bed's TLS client credentials. */
    private DeployTarget fleet(String tls) {
        DeployTarget fleet = new DeployTarget("fleet", null);
        fleet.setKind("hosts");
        fleet.setHosts("web1=" + TestHosts.host(1).uri() + "\nweb2=" + TestHosts.host(2).uri());
        fleet.setTlsCredentialsId(tls);
        fleet.setWaveSize("1");
        fleet.setRouterName(fixture.routerName);
        fleet.setRouterImage(TestHosts.image("nginx:latest"));
        fleet.setRouterPort(fixture.routerPort);
        DeployTargets.get().setTargets(List.of(fleet));
        return fleet;
    }

    private List<String> versionsServed() throws Exception {
        List<String> versions = new ArrayList<>();
        for (int host = 1; host <= 2; host++) {
            HttpAnswer answer = PlainHttp.get(TestHosts.address(host), fixture.routerPort, app, "/version", Duration.ofSeconds(5));
            assertEquals(200, answer.status(), "host " + host);
            versions.add(answer.body().trim());
        }
        return versions;
    }
}
