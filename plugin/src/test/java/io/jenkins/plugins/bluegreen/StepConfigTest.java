package io.jenkins.plugins.bluegreen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.Util;
import hudson.model.FreeStyleProject;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.deploy.BlueGreenAbortBuilder;
import io.jenkins.plugins.bluegreen.deploy.BlueGreenAbortStep;
import io.jenkins.plugins.bluegreen.deploy.BlueGreenDeployBuilder;
import io.jenkins.plugins.bluegreen.deploy.BlueGreenDeployStep;
import io.jenkins.plugins.bluegreen.deploy.BlueGreenPromoteBuilder;
import io.jenkins.plugins.bluegreen.deploy.BlueGreenPromoteStep;
import io.jenkins.plugins.bluegreen.image.DockerBuildTagBuilder;
import io.jenkins.plugins.bluegreen.image.DockerBuildTagStep;
import io.jenkins.plugins.bluegreen.image.RetagLatestBuilder;
import io.jenkins.plugins.bluegreen.image.RetagLatestStep;
import io.jenkins.plugins.bluegreen.targets.DeployTarget;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Forms, snippets and field checks of the three steps and their freestyle builders. */
@WithJenkins
class StepConfigTest {

    @Test
    void snippetsOfEveryStepRoundTrip(JenkinsRule r) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);
        DockerBuildTagStep build = new DockerBuildTagStep("registry.example.com/shop/web");
        build.setPush(true);
        build.setTags("stable");
        snippets.assertRoundTrip(build, "dockerBuildTag image: 'registry.example.com/shop/web', push: true, tags: 'stable'");

        BlueGreenDeployStep deploy = new BlueGreenDeployStep("shop-web", "registry.example.com/shop/web:1a2b3c4d");
        deploy.setTarget("staging");
        deploy.setContainerPort(8080);
        deploy.setServerNames("shop.example.com www.shop.example.com");
        deploy.setDrainSeconds(60);
        snippets.assertRoundTrip(deploy,
                "blueGreenDeploy app: 'shop-web', containerPort: 8080, drainSeconds: 60, image: 'registry.example.com/shop/web:1a2b3c4d',"
                        + " serverNames: 'shop.example.com www.shop.example.com', target: 'staging'");

        BlueGreenDeployStep waiting = new BlueGreenDeployStep("shop-web", "registry.example.com/shop/web:1a2b3c4d");
        waiting.setPromotion("manual");
        waiting.setPreChecks("GET /health 200 contains ok");
        waiting.setPreviewPort("18080");
        snippets.assertRoundTrip(waiting, "blueGreenDeploy app: 'shop-web', image: 'registry.example.com/shop/web:1a2b3c4d',"
                + " preChecks: 'GET /health 200 contains ok', previewPort: '18080', promotion: 'manual'");
        BlueGreenPromoteStep promote = new BlueGreenPromoteStep("shop-web");
        promote.setTarget("staging");
        snippets.assertRoundTrip(promote, "blueGreenPromote app: 'shop-web', target: 'staging'");
        BlueGreenDeployStep fromStaging = new BlueGreenDeployStep("shop-web", null);
        fromStaging.setFrom("staging");
        fromStaging.setTarget("production");
        snippets.assertRoundTrip(fromStaging, "blueGreenDeploy app: 'shop-web', from: 'staging', target: 'production'");

        RetagLatestStep retag = new RetagLatestStep("registry.example.com/shop/web");
        retag.setFrom("1a2b3c4d");
        snippets.assertRoundTrip(retag, "retagLatest from: '1a2b3c4d', image: 'registry.example.com/shop/web'");
    }

    @Test
    void everyBuilderKeepsItsStepThroughTheForm(JenkinsRule r) throws Exception {
        DockerBuildTagStep build = new DockerBuildTagStep("127.0.0.1:5000/shop/web");
        build.setPush(true);
        build.setBuildArgs("VERSION=1");
        build.setDockerfile("docker/Dockerfile");
        BlueGreenDeployStep deploy = new BlueGreenDeployStep("shop-web", "127.0.0.1:5000/shop/web:latest");
        deploy.setHealthPath("/health");
        deploy.setServerNames("shop.example.com");
        deploy.setEnv("A=1");
        deploy.setPull(false);
        BlueGreenDeployStep waiting = new BlueGreenDeployStep("shop-web", "127.0.0.1:5000/shop/web:latest");
        waiting.setPromotion("manual");
        waiting.setPreChecks("GET /health 200 contains ok");
        waiting.setPostChecks("GET /health 200");
        waiting.setWatchSeconds(10);
        waiting.setPromotionWaitSeconds(600);
        waiting.setAtDeadline("promote");
        waiting.setPreviewPort("127.0.0.1:18080");
        RetagLatestStep retag = new RetagLatestStep("127.0.0.1:5000/shop/web");
        retag.setTag("stable");
        retag.setEngine("unix:///var/run/docker.sock");
        for (Builder builder : new Builder[] {new DockerBuildTagBuilder(build), new BlueGreenDeployBuilder(deploy),
                new BlueGreenDeployBuilder(waiting), new RetagLatestBuilder(retag), new BlueGreenPromoteBuilder(
                new BlueGreenPromoteStep("shop-web")), new BlueGreenAbortBuilder(new BlueGreenAbortStep("shop-web"))}) {
            FreeStyleProject project = r.createFreeStyleProject();
            project.getBuildersList().add(builder);
            r.configRoundtrip(project);
            r.assertEqualDataBoundBeans(builder, project.getBuildersList().get(0));
        }
    }

    @Test
    void formChecksGiveTheEnginesMessages(JenkinsRule r) {
        DockerBuildTagStep.DescriptorImpl build = r.jenkins.getDescriptorByType(DockerBuildTagStep.DescriptorImpl.class);
        FormValidation tagged = build.doCheckImage(null, "registry.example.com/shop/web:1.0");
        assertEquals(FormValidation.Kind.ERROR, tagged.kind);
        assertTrue(tagged.getMessage().contains("image: has a tag or digest"), tagged.getMessage());
        FormValidation commit = build.doCheckCommit(null, "1a2b3c");
        assertEquals(FormValidation.Kind.ERROR, commit.kind);
        assertTrue(commit.getMessage().contains("is not a full commit hash"), commit.getMessage());
        assertEquals(FormValidation.Kind.OK, build.doCheckCommit(null, "${GIT_COMMIT}").kind);
        assertEquals(FormValidation.Kind.OK, build.doCheckImage(null, "registry.example.com/shop/web").kind);

        RetagLatestStep.DescriptorImpl retag = r.jenkins.getDescriptorByType(RetagLatestStep.DescriptorImpl.class);
        assertTrue(retag.doCheckTag(null, "-bad").getMessage().contains("is not legal"));

        BlueGreenDeployStep.DescriptorImpl deploy = r.jenkins.getDescriptorByType(BlueGreenDeployStep.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.ERROR, deploy.doCheckApp(null, "Shop_Web").kind);
        assertTrue(deploy.doCheckHealthPath(null, "health").getMessage().contains("does not start with a slash"));
        FormValidation unknownTarget = deploy.doCheckTarget(null, "nowhere");
        // FormValidation.error escapes its text for the page; compare with the escaped form.
        assertTrue(unknownTarget.getMessage().contains(Util.escape("no target is called 'nowhere'")), unknownTarget.getMessage());
        assertTrue(deploy.doCheckEngine(null, "http://example.com", null).getMessage().contains("neither unix:// nor tcp://"));

        DeployTarget.DescriptorImpl target = r.jenkins.getDescriptorByType(DeployTarget.DescriptorImpl.class);
        assertTrue(target.doCheckWaveSize("a quarter").getMessage().contains("is neither N nor P%"));
        assertTrue(target.doCheckWaveSize("150%").getMessage().contains("more than the whole target"));
        assertEquals(FormValidation.Kind.OK, target.doCheckWaveSize("2").kind);
        assertTrue(target.doCheckHosts("", "hosts").getMessage().contains("lists no host"));
        assertTrue(target.doCheckHosts("web1=http://10.0.0.11", "hosts").getMessage().contains("neither unix:// nor tcp://"));
        assertTrue(target.doCheckHosts("tcp://10.0.0.11:2376\ntcp://10.0.0.11:2376", "hosts").getMessage().contains("given twice"));
        assertEquals(FormValidation.Kind.OK, target.doCheckHosts("web1=tcp://10.0.0.11:2376\nweb2=tcp://10.0.0.12:2376", "hosts").kind);
        assertEquals(FormValidation.Kind.OK, target.doCheckEngineUri("", "hosts").kind);
    }
}
