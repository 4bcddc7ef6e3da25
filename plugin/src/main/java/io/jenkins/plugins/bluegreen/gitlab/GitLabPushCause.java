package io.jenkins.plugins.bluegreen.gitlab;

import hudson.model.Cause;
import io.bluegreen.gitlab.DeployDecision;

/** "GitLab push by alice to shop/web branch master (1a2b3c4d): deploy to staging", with links kept for the build page. */
public class GitLabPushCause extends Cause {
    private final String pusher;
    private final String project;
    private final String ref;
    private final String commit;
    private final String target;
    private final String compareUrl;

    public GitLabPushCause(DeployDecision decision) {
        this.pusher = decision.pusher();
        this.project = decision.project();
        this.ref = decision.ref().toString();
        this.commit = decision.commit();
        this.target = decision.target();
        this.compareUrl = decision.compareUrl();
    }

    @Override
    public String getShortDescription() {
        return "GitLab push by " + pusher + " to " + project + " " + ref + " ("
                + commit.substring(0, Math.min(8, commit.length())) + "): deploy to " + target;
    }

    public String getPusher() {
        return pusher;
    }

    public String getProject() {
        return project;
    }

    public String getRef() {
        return ref;
    }

    public String getCommit() {
        return commit;
    }

    public String getTarget() {
        return target;
    }

    public String getCompareUrl() {
        return compareUrl;
    }
}
