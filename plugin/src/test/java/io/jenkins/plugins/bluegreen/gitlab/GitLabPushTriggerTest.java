package io.jenkins.plugins.bluegreen.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.util.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.CaptureEnvironmentBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Real HTTP posts in GitLab's format to the endpoint, with CSRF protection on as in production. */
@WithJenkins
class GitLabPushTriggerTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String AFTER = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";
    private static final String BEFORE = "95790bf891e76fee5e1747ab589903a6a1f80f22";

    private static String push(String branch) {
        return "{\"object_kind\":\"push\",\"ref\":\"refs/heads/" + branch + "\",\"before\":\"" + BEFORE + "\","
                + "\"after\":\"" + AFTER + "\",\"checkout_sha\":\"" + AFTER + "\",\"user_username\":\"jsmith\","
                + "\"user_name\":\"John Smith\",\"project\":{\"path_with_namespace\":\"shop/web\","
                + "\"web_url\":\"https://gitlab.example.com/shop/web\"},\"commits\":[{\"id\":\"" + AFTER + "\","
                + "\"message\":\"Fix the cart\\n\",\"url\":\"https://gitlab.example.com/shop/web/-/commit/" + AFTER + "\"}],"
                + "\"total_commits_count\":1}";
    }

    private static HttpResponse<String> post(JenkinsRule r, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(r.getURL() + "bluegreen-gitlab/"))
                .header("X-Gitlab-Event", "Push Hook").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Gitlab-Token", token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static FreeStyleProject job(JenkinsRule r, String name, String token, CaptureEnvironmentBuilder env) throws Exception {
        FreeStyleProject job = r.createFreeStyleProject(name);
        job.getBuildersList().add(env);
        job.addTrigger(new GitLabPushTrigger(Secret.fromString(token), "master -> staging\nproduction -> production"));
        job.setQuietPeriod(0);
        return job;
    }

    @Test
    void aPushSchedulesTheJobWhoseTokenMatchesWithBranchCommitAndTarget(JenkinsRule r) throws Exception {
        CaptureEnvironmentBuilder env = new CaptureEnvironmentBuilder();
        FreeStyleProject shop = job(r, "shop", "shop-secret-token", env);
        FreeStyleProject other = job(r, "other", "other-secret-token", new CaptureEnvironmentBuilder());

        HttpResponse<String> answer = post(r, "shop-secret-token", push("production"));
        assertEquals(202, answer.statusCode(), answer.body());
        r.waitUntilNoActivity();

        FreeStyleBuild build = shop.getLastBuild();
        assertNotNull(build, "the job with the matching token ran");
        assertNull(other.getLastBuild(), "a job with another token did not");
        assertEquals("production", env.getEnvVars().get("BLUEGREEN_TARGET"));
        assertEquals("production", env.getEnvVars().get("BLUEGREEN_BRANCH"));
        assertEquals(AFTER, env.getEnvVars().get("BLUEGREEN_COMMIT"));
        assertEquals("production", env.getEnvVars().get("gitlabBranch"));
        assertEquals(AFTER, env.getEnvVars().get("gitlabAfter"));
        assertEquals("jsmith", env.getEnvVars().get("gitlabUserName"));
        assertEquals("web", env.getEnvVars().get("gitlabSourceRepoName"));
        assertEquals("https://gitlab.example.com/shop/web", env.getEnvVars().get("gitlabSourceRepoHomepage"));
        GitLabPushCause cause = build.getCause(GitLabPushCause.class);
        assertEquals("GitLab push by jsmith to shop/web branch production (da156088): deploy to production",
                cause.getShortDescription());
    }

    @Test
    void badTokensAndUnmappedBranchesScheduleNothingAndRevealNoJob(JenkinsRule r) throws Exception {
        FreeStyleProject shop = job(r, "secret-shop-job", "shop-secret-token", new CaptureEnvironmentBuilder());

        HttpResponse<String> wrong = post(r, "guess", push("master"));
        assertEquals(401, wrong.statusCode());
        assertFalse(wrong.body().contains("secret-shop-job"), wrong.body());
        HttpResponse<String> missing = post(r, null, push("master"));
        assertEquals(401, missing.statusCode());
        assertEquals(200, post(r, "shop-secret-token", push("feature/x")).statusCode(), "unmapped branches are not errors for GitLab");
        assertEquals(400, post(r, "shop-secret-token", "{not json").statusCode());
        HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(r.getURL() + "bluegreen-gitlab/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());

        r.waitUntilNoActivity();
        assertNull(shop.getLastBuild(), "nothing was scheduled");
    }

    @Test
    void onlyTheEndpointIsExemptFromCrumbs(JenkinsRule r) throws Exception {
        FreeStyleProject job = r.createFreeStyleProject("crumbs");
        for (String path : new String[] {job.getUrl() + "build", "bluegreen-gitlab/other"}) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(r.getURL() + path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, answer.statusCode(), "a crumb-less POST to " + path + " is refused");
        }
        assertNull(job.getLastBuild());
        assertTrue(new GitLabPushTrigger.DescriptorImpl().getWebhookUrl().endsWith("/bluegreen-gitlab/"));
    }
}
