package io.bluegreen.gitlab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * What a push asks for: deploy {@code commit} of {@code project} to {@code target}. The caller
 * (the CLI, a Jenkins trigger) schedules the deploy; the decision only carries what it needs to say
 * who pushed what.
 *
 * @param compareUrl the GitLab page of what the push changed; for a push that created the branch or
 *                   tag there is nothing to compare with, and it is the commit page
 * @param commitTitle the first line of the commit message, or "" when GitLab did not send it
 */
public record DeployDecision(
        GitRef ref,
        String commit,
        String commitTitle,
        String target,
        String project,
        String pusher,
        String compareUrl,
        String commitUrl) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static DeployDecision of(PushEvent push, String target) {
        String webUrl = push.project().webUrl();
        String commitUrl = GitLabLinks.commit(webUrl, push.deployCommit());
        return new DeployDecision(push.gitRef(), push.deployCommit(), push.commitTitle(), target,
                push.project().pathWithNamespace(), push.userUsername(),
                push.createsRef() ? commitUrl : GitLabLinks.compare(webUrl, push.before(), push.after()),
                commitUrl);
    }

    public String shortCommit() {
        return commit.substring(0, 8);
    }

    /** One line of JSON, for scripts that read the CLI's output. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "deploy " + ref + " at " + shortCommit() + " of " + project + " to " + target + " (pushed by " + pusher + ")";
    }
}
