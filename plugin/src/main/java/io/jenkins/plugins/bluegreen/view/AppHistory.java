package io.jenkins.plugins.bluegreen.view;

import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Job;
import io.jenkins.plugins.bluegreen.deploy.AuditTrail;
import io.jenkins.plugins.bluegreen.deploy.DeployHistory;
import io.jenkins.plugins.bluegreen.deploy.DeployHistoryAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * {@code /deployments/target/T/app/A/}: one app's deploys, rollbacks and failures on one target, from
 * every job the user can read that deployed it, with the audit trail and the rollback button. The
 * rollback is the job page's: queued, and allowed with Build on the job whose deploy serves now.
 */
@ExportedBean(defaultVisibility = 2)
public final class AppHistory {
    private final String target;
    private final String app;
    private final List<Job<?, ?>> jobs;
    private final List<DeployHistory.Entry> entries;

    private AppHistory(String target, String app, List<Job<?, ?>> jobs, List<DeployHistory.Entry> entries) {
        this.target = target;
        this.app = app;
        this.jobs = jobs;
        this.entries = entries;
    }

    /** Null (a 404) when no job the user can read deployed {@code app} to {@code target}. */
    static AppHistory read(String target, String app) {
        List<Job<?, ?>> jobs = new ArrayList<>();
        List<DeployHistory.Entry> entries = new ArrayList<>();
        for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
            List<DeployHistory.Entry> found = DeployHistory.of(job).entries(target, app);
            if (!found.isEmpty()) {
                jobs.add(job);
                entries.addAll(found);
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        entries.sort(Comparator.comparingLong(DeployHistory.Entry::getStartedAt).reversed());
        return new AppHistory(target, app, jobs, entries);
    }

    @Exported
    public String getTarget() {
        return target;
    }

    @Exported
    public String getApp() {
        return app;
    }

    /** Every deploy, newest first. */
    @Exported
    public List<DeployHistory.Entry> getDeploys() {
        return entries;
    }

    /** Who did what from Jenkins, newest first. */
    @Exported
    public List<AuditTrail.Entry> getAudit() {
        List<AuditTrail.Entry> audit = new ArrayList<>();
        jobs.forEach(job -> audit.addAll(AuditTrail.of(job, target, app)));
        audit.sort(Comparator.comparingLong(AuditTrail.Entry::getTime).reversed());
        return audit;
    }

    /** What serves now, read from the engine like a cell of the Deployments page (its record: from the job that deployed last). */
    @Exported
    public Deployment getNow() {
        Job<?, ?> job = entries.get(0).getRun().getParent();
        return DeploymentsTable.Found.of(job, DeployHistory.of(job).entries(target, app))
                .await(target, app, System.currentTimeMillis());
    }

    /** The deploy a rollback would undo, when the user may roll it back; null otherwise (no button then). */
    public DeployHistory.Entry getRollbackCandidate() {
        return newestWentLive().filter(entry -> entry.getState() == DeployHistory.State.LIVE
                        && entry.getRecord().getPreviousColour() != null
                        && entry.getRun().getParent().hasPermission(Item.BUILD))
                .orElse(null);
    }

    /** Of two jobs deploying one app, the one that deployed last is the one whose deploy a rollback undoes. */
    private Optional<DeployHistory.Entry> newestWentLive() {
        return entries.stream().filter(entry -> entry.getState() != DeployHistory.State.FAILED).findFirst();
    }

    @RequirePOST
    public HttpResponse doRollback() throws IOException {
        Job<?, ?> job = newestWentLive().<Job<?, ?>>map(entry -> entry.getRun().getParent()).orElse(jobs.get(0));
        return DeployHistoryAction.rollback(job, target, app);
    }

    public Api getApi() {
        return new Api(this);
    }
}
