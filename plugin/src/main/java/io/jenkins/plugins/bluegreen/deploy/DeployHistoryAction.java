package io.jenkins.plugins.bluegreen.deploy;

import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.User;
import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The job's deploy history, per target and app, newest first, and the rollback button. A rollback is a
 * POST with the usual crumb and needs the job's Build permission, since it moves production traffic
 * just like a build would; it is queued, and the answer is its log.
 */
public class DeployHistoryAction implements Action {
    static final String URL_NAME = "bluegreen-deploys";

    private final Job<?, ?> job;

    public DeployHistoryAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    public DeployHistory getHistory() {
        return DeployHistory.of(job);
    }

    public boolean isRollbackAllowed() {
        return job.hasPermission(Item.BUILD);
    }

    @RequirePOST
    public HttpResponse doRollback(@QueryParameter String target, @QueryParameter String app) throws IOException {
        return rollback(job, target, app);
    }

    /**
     * Queues a rollback of {@code app} on {@code target} and sends the browser to its log; 409 when there
     * is nothing to roll back to, which the page knew too and so offered no button.
     */
    public static HttpResponse rollback(Job<?, ?> job, String target, String app) throws IOException {
        job.checkPermission(Item.BUILD);
        if (DeployHistory.of(job).rollbackCandidate(target, app).isEmpty()) {
            return HttpResponses.errorWithoutStack(409, "No deploy of " + app + " on " + target
                    + " is live with a colour before it to roll back to.");
        }
        User user = User.current();
        RollbackLog log = RollbackTask.schedule(job, target, app, user == null ? "anonymous" : user.getId());
        return HttpResponses.redirectViaContextPath(log.getUrl());
    }

    /** {@code rollbackLog/ID/}: one rollback's log. */
    public RollbackLog getRollbackLog(String id) {
        return RollbackLog.find(job, id);
    }

    @Override
    public String getIconFileName() {
        return DeployAction.ICON;
    }

    @Override
    public String getDisplayName() {
        return "Blue-green deploys";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }
}
