package io.jenkins.plugins.bluegreen.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.Result;
import io.jenkins.plugins.bluegreen.deploy.AuditTrail;
import io.jenkins.plugins.bluegreen.targets.DeployTarget;
import io.jenkins.plugins.bluegreen.targets.DeployTargets;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.FailingHttpStatusCodeException;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Deployments page and its API without a reachable engine: a target whose engine sits at an address
 * nothing answers on still renders at once, as unreachable with what the build records say, and each
 * user sees only the apps of jobs they can read.
 */
@WithJenkins
class DeploymentsPageTest {
    /** In the test bed's subnet, where no engine answers; without the test bed no route leads there at all. */
    private static final String DEAD_ENGINE = "tcp://10.231.0.99:2376";

    @Test
    void aDeadEngineShowsAsUnreachableWithinTwoSecondsAndUsersSeeOnlyJobsTheyCanRead(JenkinsRule r) throws Exception {
        DeployTargets.get().setTargets(List.of(new DeployTarget("dead", DEAD_ENGINE)));
        WorkflowJob alpha = deployJob(r, "alpha-deploy", "alpha-web");
        WorkflowJob beta = deployJob(r, "beta-deploy", "beta-web");
        r.assertBuildStatus(Result.FAILURE, alpha.scheduleBuild2(0));
        r.assertBuildStatus(Result.FAILURE, beta.scheduleBuild2(0));

        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("alice", "admin")
                .grant(Item.READ).onItems(alpha).to("alice")
                .grant(Item.READ).everywhere().to("admin"));

        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        // Time the server's answer, not HtmlUnit fetching and parsing Jenkins' style sheets.
        admin.getOptions().setJavaScriptEnabled(false);
        admin.getOptions().setCssEnabled(false);
        long start = System.nanoTime();
        admin.goTo("deployments/");
        System.out.println("DEPLOYMENTS PAGE first render (views compiled) in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        EngineReader.forgetAll();
        start = System.nanoTime();
        String page = admin.goTo("deployments/").getWebResponse().getContentAsString();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("DEPLOYMENTS PAGE with a dead engine rendered in " + millis + " ms");
        assertTrue(millis < 2000, "the page waited " + millis + " ms for a dead engine");
        assertTrue(page.contains("alpha-web") && page.contains("beta-web"), page);
        assertTrue(page.contains("unreachable"), page);

        JSONObject table = admin.getJSON("deployments/api/json").getJSONObject();
        assertEquals(List.of("dead"), table.getJSONArray("targets"));
        JSONObject alphaCell = cell(table, "alpha-web");
        assertEquals("unreachable", alphaCell.getString("status"));
        assertFalse(alphaCell.getString("problem").isEmpty());
        assertEquals("FAILED", alphaCell.getString("recordState"), "the records fill in what the engine could not say");
        assertEquals("job/alpha-deploy/1/", alphaCell.getString("build"));
        assertEquals("alpha-deploy", alphaCell.getString("job"));

        AuditTrail.Entry audit = AuditTrail.of(alpha, "dead", "alpha-web").get(0);
        assertEquals("deploy", audit.getAction());
        assertFalse(audit.isSucceeded());
        assertTrue(audit.getResult().startsWith("failed: "), audit.getResult());

        JenkinsRule.WebClient alice = r.createWebClient().login("alice");
        alice.getOptions().setJavaScriptEnabled(false);
        JSONObject alicesTable = alice.getJSON("deployments/api/json").getJSONObject();
        assertEquals(1, alicesTable.getJSONArray("apps").size(), alicesTable.toString());
        cell(alicesTable, "alpha-web");
        assertFalse(alice.goTo("deployments/").getWebResponse().getContentAsString().contains("beta-web"));
        String history = alice.goTo("deployments/target/dead/app/alpha-web/").getWebResponse().getContentAsString();
        assertTrue(history.contains("FAILED") && history.contains(audit.getResult()), history);
        assertFalse(history.contains("Roll back"), "nothing went live, so nothing can be rolled back");
        FailingHttpStatusCodeException hidden = assertThrows(FailingHttpStatusCodeException.class,
                () -> alice.goTo("deployments/target/dead/app/beta-web/"));
        assertEquals(404, hidden.getStatusCode(), "a job alice cannot read does not exist for her");
    }

    private static WorkflowJob deployJob(JenkinsRule r, String name, String app) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy app: '" + app + "', image: 'registry.example.test/"
                + app + ":1', target: 'dead', containerPort: 8080\n", true));
        return job;
    }

    private static JSONObject cell(JSONObject table, String app) {
        JSONArray apps = table.getJSONArray("apps");
        for (int i = 0; i < apps.size(); i++) {
            if (apps.getJSONObject(i).getString("app").equals(app)) {
                return apps.getJSONObject(i).getJSONArray("deployments").getJSONObject(0);
            }
        }
        throw new AssertionError(app + " is not in " + table);
    }
}
