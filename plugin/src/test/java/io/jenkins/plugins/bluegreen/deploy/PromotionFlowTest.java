package io.jenkins.plugins.bluegreen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.Result;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.jenkins.plugins.bluegreen.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A deploy with {@code promotion: 'manual'} waits on the engine while the Pipeline waits in Jenkins' own
 * {@code input}: the person allowed to proceed promotes it, an abort or a timeout removes it, and a
 * promote past the engine-kept deadline is refused. Traffic is read from the real router each time.
 */
@RequiresTestBed
@WithJenkins
class PromotionFlowTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private int routerPort;
    private final String app = TestBed.uniqueName("plugin-promo");

    @RegisterExtension
    private final TestEngine engine = TestEngine.forApp(app);

    private String deploy(String image, String extra) {
        return "blueGreenDeploy app: '" + app + "', image: '" + image + "', target: 'local', containerPort: 8080,"
                + " healthPath: '/health', pull: false" + extra + "\n";
    }

    private String waitingDeployOfV2(String terms) {
        return deploy(TestBed.APP_V1, "")
                + "def w = " + deploy(TestBed.APP_V2, ", promotion: 'manual', preChecks: 'GET /version 200 contains v2'" + terms)
                + "echo \"WAITING colour=${w.colour} waiting=${w.waiting} preview=${w.previewHost}\"\n";
    }

    @Test
    void theSubmitterPromotesFromTheBuildPageAndNobodyElseCan(JenkinsRule r) throws Exception {
        routerPort = engine.addTarget("local").getRouterPort();
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("alice", "bob")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));
        WorkflowJob job = r.createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition(waitingDeployOfV2(", postChecks: 'GET /health 200', watchSeconds: 2")
                + "input id: 'Promote', message: 'Promote v2?', submitter: 'alice'\n"
                + "def p = blueGreenPromote app: '" + app + "', target: 'local'\n"
                + "echo \"PROMOTED colour=${p.colour} previous=${p.previousColour}\"\n", true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        awaitInput(build);

        r.assertLogContains("WAITING colour=green waiting=true preview=" + app + "-green-1.8080.preview", build);
        assertEquals("v1", live(), "the waiting colour gets no traffic");
        PromotionAction waiting = build.getAction(PromotionAction.class);
        assertEquals(PromotionAction.State.WAITING, waiting.getState());
        String key = previewKey();
        r.assertLogNotContains(key, build);
        r.assertLogContains("X-Bluegreen-Preview: ****", build);
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        String page = reader.getPage(build).getWebResponse().getContentAsString();
        assertTrue(page.contains("waiting for promotion"), "the build page says the colour waits");
        assertFalse(page.contains(key), "the preview key is not shown to mere readers of the build");
        JenkinsRule.WebClient bob = r.createWebClient().login("bob");
        bob.setThrowExceptionOnFailingStatusCode(false);
        assertTrue(bob.getPage(build).getWebResponse().getContentAsString().contains(key),
                "who may build the job sees the preview with its key");

        String cell = bob.getJSON("deployments/api/json").getJSONObject().getJSONArray("apps").getJSONObject(0)
                .getJSONArray("deployments").getJSONObject(0).toString();
        assertTrue(cell.contains("green (commit unknown) waits for promotion until"), "the Deployments page shows it: " + cell);

        WebResponse refused = bob.getPage(proceed(bob, build)).getWebResponse();
        assertTrue(refused.getContentAsString().contains("You need to be alice"), refused.getContentAsString());
        assertEquals(PromotionAction.State.WAITING, waiting.getState(), "bob may not promote");
        assertFalse(build.getAction(InputAction.class).getExecutions().isEmpty(), "the input still waits");
        assertEquals("v1", live());

        JenkinsRule.WebClient alice = r.createWebClient().login("alice");
        alice.getPage(proceed(alice, build));
        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        r.assertLogContains("PROMOTED colour=green previous=blue", build);
        r.assertLogContains("[" + app + "] switch   green", build);
        assertEquals("v2", live());
        assertEquals(PromotionAction.State.PROMOTED, waiting.getState());
        DeployRecord promoted = build.getAction(DeployAction.class).getRecords().get(1);
        assertEquals(DeployRecord.Outcome.LIVE, promoted.getOutcome());
        assertEquals("green", promoted.getColour());
        List<String> audit = AuditTrail.of(job, "local", app).stream()
                .map(entry -> entry.getAction() + " " + entry.isSucceeded()).toList();
        assertTrue(audit.containsAll(List.of("deploy true", "promote true")), audit.toString());

        r.jenkins.reload();
        WorkflowRun reloaded = r.jenkins.getItemByFullName("promote", WorkflowJob.class).getBuildByNumber(1);
        assertEquals(PromotionAction.State.PROMOTED, reloaded.getAction(PromotionAction.class).getState(),
                "the promotion survives a reload of the build from disk");
        assertEquals(2, reloaded.getAction(DeployAction.class).getRecords().size());
        assertEquals("green", reloaded.getAction(DeployAction.class).getRecords().get(1).getColour());
    }

    @Test
    void anAbortOrATimeoutRemovesTheWaitingColourAndALatePromoteIsRefused(JenkinsRule r) throws Exception {
        routerPort = engine.addTarget("local").getRouterPort();
        WorkflowJob job = r.createProject(WorkflowJob.class, "abort");
        String gate = "try {\n"
                + "  timeout(time: LIMIT, unit: 'SECONDS') { input id: 'Promote', message: 'Promote v2?' }\n"
                + "} catch (e) {\n"
                + "  blueGreenAbort app: '" + app + "', target: 'local'\n"
                + "  throw e\n"
                + "}\n";
        job.setDefinition(new CpsFlowDefinition(waitingDeployOfV2("") + gate.replace("LIMIT", "600"), true));
        WorkflowRun aborted = job.scheduleBuild2(0).waitForStart();
        awaitInput(aborted);
        assertEquals(2, engine.docker().listContainersCmd().withLabelFilter(Map.of("io.bluegreen.app", app)).exec().size(),
                "blue live, green waiting");
        JenkinsRule.WebClient admin = r.createWebClient();
        admin.getPage(new WebRequest(admin.createCrumbedUrl(aborted.getUrl() + "input/Promote/abort"), HttpMethod.POST));
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(aborted));
        assertV1ServesAndTheWaitingColourIsGone(aborted);
        assertEquals("abort", AuditTrail.of(job, "local", app).get(0).getAction(), "the newest audit entry is the abort");

        job.setDefinition(new CpsFlowDefinition(waitingDeployOfV2("") + gate.replace("LIMIT", "3"), true));
        WorkflowRun timedOut = r.assertBuildStatus(Result.ABORTED, job.scheduleBuild2(0));
        assertV1ServesAndTheWaitingColourIsGone(timedOut);

        job.setDefinition(new CpsFlowDefinition(waitingDeployOfV2(", promotionWaitSeconds: 2")
                + "sleep 4\n"
                + "blueGreenPromote app: '" + app + "', target: 'local'\n", true));
        WorkflowRun late = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        r.assertLogContains("waited past its deadline", late);
        assertEquals(PromotionAction.State.REFUSED, late.getAction(PromotionAction.class).getState());
        assertV1ServesAndTheWaitingColourIsGone(late);
    }

    /** v1 still answers, and the colour that waited (whichever it was) has no container left. */
    private void assertV1ServesAndTheWaitingColourIsGone(WorkflowRun run) throws IOException {
        assertEquals("v1", live());
        PromotionAction promotion = run.getAction(PromotionAction.class);
        assertTrue(promotion.getState() == PromotionAction.State.ABORTED || promotion.getState() == PromotionAction.State.REFUSED,
                "the waiting colour was decided on: " + promotion.getState());
        List<String> names = engine.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.bluegreen.app", app)).exec().stream()
                .flatMap(c -> List.of(c.getNames()).stream()).toList();
        assertTrue(names.stream().noneMatch(name -> name.contains("-" + promotion.getColour() + "-")),
                promotion.getColour() + " is removed: " + names);
    }

    static void awaitInput(WorkflowRun build) throws Exception {
        for (int i = 0; i < 600; i++) {
            InputAction input = build.getAction(InputAction.class);
            if (input != null && !input.getExecutions().isEmpty()) {
                return;
            }
            assertTrue(build.isBuilding(), "the build ended before its input");
            Thread.sleep(100);
        }
        throw new AssertionError("the build never reached its input");
    }

    static WebRequest proceed(JenkinsRule.WebClient client, WorkflowRun build) throws Exception {
        return new WebRequest(client.createCrumbedUrl(build.getUrl() + "input/Promote/proceedEmpty"), HttpMethod.POST);
    }

    /** The waiting colour's preview key, as the engine keeps it in the containers' labels. */
    private String previewKey() {
        String key = engine.docker().listContainersCmd().withLabelFilter(Map.of("io.bluegreen.app", app)).exec().stream()
                .map(c -> c.getLabels().get("io.bluegreen.promotion.preview-key")).filter(k -> k != null)
                .findFirst().orElse(null);
        assertNotNull(key, "the waiting colour carries its preview key");
        return key;
    }

    /** What the router answers on /version: the live colour's version. */
    private String live() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + routerPort + "/version")
                .toURL().openConnection();
        try (InputStream body = connection.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }
}
