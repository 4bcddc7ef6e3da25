package io.jenkins.plugins.bluegreen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.jenkins.plugins.bluegreen.TestEngine;
import io.jenkins.plugins.bluegreen.image.DockerBuildTagBuilder;
import io.jenkins.plugins.bluegreen.image.DockerBuildTagStep;
import io.jenkins.plugins.bluegreen.image.RetagLatestBuilder;
import io.jenkins.plugins.bluegreen.image.RetagLatestStep;
import java.net.URL;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.CreateFileBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Build, deploy and retag against the test bed's real engine and registry, from a Pipeline and
 * from a freestyle job; then the job page's rollback, with its permission check.
 */
@RequiresTestBed
@WithJenkins
class DockerFlowTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    static final String DOCKERFILE = "FROM bluegreen-test/busybox\n"
            + "ARG VERSION=v1\n"
            + "RUN mkdir -p /www && echo ok > /www/health && echo $VERSION > /www/version\n"
            + "EXPOSE 8080\n"
            + "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n";

    private final String app = TestBed.uniqueName("plugin-app");
    private final String repository = TestBed.REGISTRY + "/plugin-test/" + TestBed.uniqueName("web");

    @RegisterExtension
    private final TestEngine engine = TestEngine.forApp(app);

    private static String commit(int n) {
        return String.format("%040x", n + 0xabc000);
    }

    @Test
    void pipelineBuildsDeploysRetagsAndTheJobPageRollsBack(JenkinsRule r) throws Exception {
        engine.addTarget("local");
        WorkflowJob job = r.createProject(WorkflowJob.class, "shop");
        String script = "node {\n"
                + "  writeFile file: 'Dockerfile', text: '''" + DOCKERFILE + "'''\n"
                + "  def img = dockerBuildTag image: '" + repository + "', commit: env.THE_COMMIT, branch: 'master',"
                + " buildArgs: \"VERSION=${env.BUILD_NUMBER}\", push: true\n"
                + "  def d = blueGreenDeploy app: '" + app + "', image: img.ref, target: 'local', containerPort: 8080,"
                + " serverNames: '" + app + ".example.test'\n"
                + "  def t = retagLatest image: '" + repository + "', from: img.commit, target: 'local'\n"
                + "  echo \"RESULT ref=${img.ref} built=${img.digest} colour=${d.colour} previous=${d.previousColour}"
                + " commit=${d.commit} latest=${t.digest} phases=${d.phases.keySet()} drain=${d.drain}\"\n"
                + "}\n";
        job.setDefinition(new CpsFlowDefinition(script.replace("env.THE_COMMIT", "'" + commit(1) + "'"), true));
        WorkflowRun first = r.buildAndAssertSuccess(job);
        Matcher result = result(r, first);
        assertEquals(repository + "@" + result.group("built"), result.group("ref"));
        assertEquals("blue", result.group("colour"));
        assertEquals("null", result.group("previous"));
        assertEquals(commit(1), result.group("commit"));
        assertEquals(result.group("built"), result.group("latest"), "latest names the image just built");
        assertTrue(result.group("phases").contains("switch"), result.group("phases"));
        r.assertLogContains("[" + app + "] switch", first);
        JenkinsRule.WebClient anyone = r.createWebClient();
        String jobPage = anyone.goTo(job.getUrl() + "bluegreen-deploys/").getWebResponse().getContentAsString();
        assertFalse(jobPage.contains("Roll back"), "a first deploy has no colour before it to roll back to");
        FailingHttpStatusCodeException nothingBefore = assertThrows(FailingHttpStatusCodeException.class,
                () -> anyone.getPage(rollback(anyone, job, "local", app)));
        assertEquals(409, nothingBefore.getStatusCode(), "nothing to roll back to is refused, not queued");

        job.setDefinition(new CpsFlowDefinition(script.replace("env.THE_COMMIT", "'" + commit(2) + "'"), true));
        WorkflowRun second = r.buildAndAssertSuccess(job);
        assertEquals("green", result(r, second).group("colour"));
        assertEquals("blue", result(r, second).group("previous"));
        DeployRecord live = second.getAction(DeployAction.class).getRecords().get(0);
        assertEquals(DeployRecord.Outcome.LIVE, live.getOutcome());
        assertEquals("no request in flight", live.getDrain(), "an idle app's drain, as the build page shows it");
        DeployHistory history = DeployHistory.of(job);
        assertEquals(List.of(DeployHistory.State.LIVE, DeployHistory.State.REPLACED),
                history.entries("local", app).stream().map(DeployHistory.Entry::getState).toList(),
                "the first deploy no longer reads live once the second replaced it");
        assertTrue(r.createWebClient().goTo(job.getUrl() + "bluegreen-deploys/").getWebResponse().getContentAsString()
                .contains("Roll back " + app + " on local to blue"));
        r.assertLogContains("drain=[inFlightAtSwitch:0, endedAtTimeout:0, millis:", second);
        r.assertLogContains("[" + app + "] drain    blue", second);

        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("viewer")
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("deployer"));
        JenkinsRule.WebClient viewer = r.createWebClient().login("viewer");
        FailingHttpStatusCodeException refused = assertThrows(FailingHttpStatusCodeException.class,
                () -> viewer.getPage(rollback(viewer, job, "local", app)));
        assertEquals(403, refused.getStatusCode());
        assertEquals(DeployRecord.Outcome.LIVE, live.getOutcome(), "a refused rollback changes nothing");

        JenkinsRule.WebClient deployer = r.createWebClient().login("deployer");
        FailingHttpStatusCodeException noCrumb = assertThrows(FailingHttpStatusCodeException.class,
                () -> deployer.getPage(new WebRequest(new URL(r.getURL(), job.getUrl() + "bluegreen-deploys/rollback?target=local&app=" + app), HttpMethod.POST)));
        assertEquals(403, noCrumb.getStatusCode(), "a POST without a crumb is refused");
        FailingHttpStatusCodeException byGet = assertThrows(FailingHttpStatusCodeException.class,
                () -> deployer.goTo(job.getUrl() + "bluegreen-deploys/rollback?target=local&app=" + app));
        assertEquals(405, byGet.getStatusCode(), "rollback is POST only");

        // The log page's progressive-text.js uses syntax the test harness' HtmlUnit cannot parse; browsers can.
        deployer.getOptions().setJavaScriptEnabled(false);
        HtmlPage logPage = deployer.getPage(rollback(deployer, job, "local", app));
        assertTrue(logPage.getUrl().getPath().contains("/bluegreen-deploys/rollbackLog/"), logPage.getUrl().toString());
        r.waitUntilNoActivity();
        String log = deployer.getPage(new URL(logPage.getUrl(), "progressiveText")).getWebResponse().getContentAsString();
        assertTrue(log.contains("is live on blue"), log);
        assertTrue(log.contains("Finished: SUCCESS"), log);
        assertEquals(DeployRecord.Outcome.ROLLED_BACK, live.getOutcome());
        assertEquals("deployer", live.getRolledBackBy());
        assertEquals(List.of(DeployHistory.State.ROLLED_BACK, DeployHistory.State.LIVE),
                DeployHistory.of(job).entries("local", app).stream().map(DeployHistory.Entry::getState).toList(),
                "after the rollback the first deploy serves again");
        assertFalse(deployer.goTo(job.getUrl() + "bluegreen-deploys/").getWebResponse().getContentAsString().contains("Roll back"),
                "a second rollback would bring back what was just undone, so none is offered");
        List<AuditTrail.Entry> audit = AuditTrail.of(job, "local", app);
        assertEquals(List.of("rollback", "deploy", "deploy"), audit.stream().map(AuditTrail.Entry::getAction).toList());
        assertEquals("deployer", audit.get(0).getUser());
        assertTrue(audit.get(0).isSucceeded(), audit.get(0).getResult());
    }

    @Test
    void freestyleJobBuildsDeploysAndRetags(JenkinsRule r) throws Exception {
        engine.addTarget("local");
        FreeStyleProject job = r.createFreeStyleProject("shop-freestyle");
        job.getBuildersList().add(new CreateFileBuilder("Dockerfile", DOCKERFILE));
        DockerBuildTagStep build = new DockerBuildTagStep(repository);
        build.setCommit(commit(3));
        build.setPush(true);
        build.setTarget("local");
        job.getBuildersList().add(new DockerBuildTagBuilder(build));
        BlueGreenDeployStep deploy = new BlueGreenDeployStep(app, repository + ":" + commit(3));
        deploy.setTarget("local");
        deploy.setContainerPort(8080);
        deploy.setServerNames(app + ".example.test");
        job.getBuildersList().add(new BlueGreenDeployBuilder(deploy));
        RetagLatestStep retag = new RetagLatestStep(repository);
        retag.setFrom(commit(3).substring(0, 8));
        retag.setTag("stable");
        job.getBuildersList().add(new RetagLatestBuilder(retag));

        FreeStyleBuild run = r.buildAndAssertSuccess(job);
        DeployAction action = run.getAction(DeployAction.class);
        assertNotNull(action, "the build carries its deploy record");
        DeployRecord record = action.getRecords().get(0);
        assertEquals("blue", record.getColour());
        assertEquals(commit(3), record.getCommit());
        assertTrue(record.getDigest().startsWith("sha256:"), record.getDigest());
        r.assertLogContains("pushed: " + repository + "@sha256:", run);
        r.assertLogContains(repository + ":stable = sha256:", run);
        assertTrue(r.createWebClient().getPage(job).getWebResponse().getContentAsString().contains("bluegreen-deploys"));
    }

    private static Matcher result(JenkinsRule r, WorkflowRun run) throws Exception {
        Matcher matcher = Pattern.compile("RESULT ref=(?<ref>\\S+) built=(?<built>\\S+) colour=(?<colour>\\S+) previous=(?<previous>\\S+)"
                + " commit=(?<commit>\\S+) latest=(?<latest>\\S+) phases=(?<phases>\\[.*])").matcher(JenkinsRule.getLog(run));
        assertTrue(matcher.find(), "the pipeline printed its results");
        return matcher;
    }

    /** The job page's rollback button: a POST with its crumb. */
    static WebRequest rollback(JenkinsRule.WebClient client, WorkflowJob job, String target, String app) throws Exception {
        WebRequest request = new WebRequest(client.createCrumbedUrl(job.getUrl() + "bluegreen-deploys/rollback"), HttpMethod.POST);
        request.setRequestParameters(List.of(new org.htmlunit.util.NameValuePair("target", target),
                new org.htmlunit.util.NameValuePair("app", app)));
        return request;
    }
}
