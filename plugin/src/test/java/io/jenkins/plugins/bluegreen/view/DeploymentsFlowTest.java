package io.jenkins.plugins.bluegreen.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.Result;
import io.bluegreen.deploy.AppInspector;
import io.bluegreen.router.Colour;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.jenkins.plugins.bluegreen.TestEngine;
import io.jenkins.plugins.bluegreen.targets.DeployTarget;
import java.net.URL;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Deployments page, a history page and their API against the test bed's engine after a deploy, a
 * second deploy and a failed one; then a rollback from the history page, queued with its own log, after
 * which the engine serves the previous colour and the audit trail says who did it.
 */
@RequiresTestBed
@WithJenkins
class DeploymentsFlowTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private final String app = TestBed.uniqueName("view-app");

    @RegisterExtension
    private final TestEngine engine = TestEngine.forApp(app);

    private static String commit(int n) {
        return String.format("%040x", n + 0xdef000);
    }

    @Test
    void pageAndApiAfterDeploysAndAFailureThenARollbackFromTheHistoryPage(JenkinsRule r) throws Exception {
        DeployTarget local = engine.addTarget("local");
        int routerPort = local.getRouterPort();
        WorkflowJob job = r.createProject(WorkflowJob.class, "ship");
        deploy(r, job, TestBed.APP_V1, commit(1), "", Result.SUCCESS);
        deploy(r, job, TestBed.APP_V2, commit(2), "", Result.SUCCESS);
        deploy(r, job, TestBed.APP_V1, commit(3), ", healthPath: '/missing', healthTimeoutSeconds: 5", Result.FAILURE);

        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("deployer"));
        JenkinsRule.WebClient deployer = r.createWebClient().login("deployer");
        // The rollback log's progressive-text.js uses syntax the test harness' HtmlUnit cannot parse; browsers can.
        deployer.getOptions().setJavaScriptEnabled(false);

        JSONObject cell = cell(deployer.getJSON("deployments/api/json").getJSONObject());
        assertEquals("live", cell.getString("status"));
        assertEquals("green", cell.getString("colour"), "read from the engine");
        assertEquals(commit(2), cell.getString("commit"));
        assertTrue(cell.getString("digest").startsWith("sha256:"), cell.toString());
        assertTrue(cell.getString("health").contains("running"), cell.toString());
        assertEquals("job/ship/2/", cell.getString("build"), "the build that put the live colour there");
        assertNotNull(cell.optString("lastFailurePhase", null), "the failed third deploy shows with its phase");
        String page = deployer.goTo("deployments/").getWebResponse().getContentAsString();
        assertTrue(page.contains(app) && page.contains(commit(2).substring(0, 8)) && page.contains("ship #2"), page);

        String history = "deployments/target/local/app/" + app + "/";
        JSONObject historyJson = deployer.getJSON(history + "api/json").getJSONObject();
        assertEquals(List.of("FAILED", "LIVE", "REPLACED"), states(historyJson));
        assertTrue(deployer.goTo(history).getWebResponse().getContentAsString().contains("Roll back to blue"));

        HtmlPage logPage = deployer.getPage(new WebRequest(deployer.createCrumbedUrl(history + "rollback"), HttpMethod.POST));
        assertTrue(logPage.getUrl().getPath().matches(".*/job/ship/bluegreen-deploys/rollbackLog/\\d+/"),
                "the answer is the queued rollback's log: " + logPage.getUrl());
        r.waitUntilNoActivity();
        String log = deployer.getPage(new URL(logPage.getUrl(), "progressiveText")).getWebResponse().getContentAsString();
        assertTrue(log.contains("is live on blue") && log.contains("Finished: SUCCESS"), log);

        Optional<Colour> live = new AppInspector(engine.docker()).status(app, RouterSettings.nginx()
                .withName(local.getRouterName()).withReachAddress("127.0.0.1").withPublish("127.0.0.1", routerPort)).live();
        assertEquals(Optional.of(Colour.BLUE), live, "the engine serves the previous colour");
        JSONObject after = cell(deployer.getJSON("deployments/api/json").getJSONObject());
        assertEquals("blue", after.getString("colour"), "the page reads the engine again after a rollback");
        historyJson = deployer.getJSON(history + "api/json").getJSONObject();
        assertEquals(List.of("FAILED", "ROLLED_BACK", "LIVE"), states(historyJson));
        JSONArray audit = historyJson.getJSONArray("audit");
        assertEquals(4, audit.size(), audit.toString());
        JSONObject rollback = audit.getJSONObject(0);
        assertEquals("rollback", rollback.getString("action"));
        assertEquals("deployer", rollback.getString("user"));
        assertTrue(rollback.getBoolean("succeeded"), rollback.toString());
        assertTrue(rollback.getString("url").contains("/rollbackLog/"), rollback.toString());
        assertEquals("deploy", audit.getJSONObject(1).getString("action"));
        assertEquals(false, audit.getJSONObject(1).getBoolean("succeeded"), "the failed deploy is audited as failed");
    }

    private void deploy(JenkinsRule r, WorkflowJob job, String image, String commit, String more, Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy app: '" + app + "', image: '" + image + "', target: 'local',"
                + " containerPort: 8080, drainSeconds: 0, serverNames: '" + app + ".example.test', commit: '" + commit + "'"
                + more + "\n", true));
        r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    private static List<String> states(JSONObject history) {
        JSONArray deploys = history.getJSONArray("deploys");
        return IntStream.range(0, deploys.size()).mapToObj(i -> deploys.getJSONObject(i).getString("state")).toList();
    }

    private JSONObject cell(JSONObject table) {
        JSONArray apps = table.getJSONArray("apps");
        for (int i = 0; i < apps.size(); i++) {
            if (apps.getJSONObject(i).getString("app").equals(app)) {
                return apps.getJSONObject(i).getJSONArray("deployments").getJSONObject(0);
            }
        }
        throw new AssertionError(app + " is not in " + table);
    }
}
