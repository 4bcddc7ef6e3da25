package io.jenkins.plugins.bluegreen.view;

import hudson.model.Run;
import io.jenkins.plugins.bluegreen.deploy.DeployHistory;
import io.jenkins.plugins.bluegreen.deploy.DeployRecord;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One app on one target, as a cell of the Deployments page: what the engine says serves now, and what
 * the build records add (which build put it there, for what cause, when). Where the engine was read, its
 * word on colour, commit and digest wins over the records', which may predate a manual change.
 */
@ExportedBean(defaultVisibility = 999)
public final class Deployment {
    private final String target;
    private final String app;
    /** The deploy that serves now by the records, else the newest; never null. */
    private final DeployHistory.Entry entry;
    /** The newest deploy, when it failed: worth a line in the cell even though traffic stayed. */
    private final DeployHistory.Entry lastFailure;
    private final EngineReading engine;

    Deployment(String target, String app, DeployHistory.Entry entry, DeployHistory.Entry lastFailure, EngineReading engine) {
        this.target = target;
        this.app = app;
        this.entry = entry;
        this.lastFailure = lastFailure;
        this.engine = engine;
    }

    @Exported
    public String getTarget() {
        return target;
    }

    @Exported
    public String getApp() {
        return app;
    }

    /** live, unreachable (the engine did not answer; the rest is from the records), or nothing live. */
    @Exported
    public String getStatus() {
        if (!engine.reached()) {
            return "unreachable";
        }
        return getColour() == null ? "nothing live" : "live";
    }

    /** Why the engine could not be read; null when it was. */
    /** A colour deployed with manual promotion that waits beside the live one, as the engine's labels say; null: none. */
    @Exported
    public String getAwaiting() {
        return engine.awaiting();
    }

    @Exported
    public String getProblem() {
        return engine.problem();
    }

    @Exported
    public String getColour() {
        return engine.colour() != null ? engine.colour() : live() ? record().getColour() : null;
    }

    @Exported
    public String getCommit() {
        return engine.commit() != null ? engine.commit() : live() ? record().getCommit() : null;
    }

    public String getShortCommit() {
        String commit = getCommit();
        return commit == null || commit.length() <= 8 ? commit : commit.substring(0, 8);
    }

    /** The commit on GitLab, when the build that deployed it knew the project; only for the commit it deployed. */
    @Exported
    public String getCommitUrl() {
        return getCommit() != null && getCommit().equals(record().getCommit()) ? record().getCommitUrl() : null;
    }

    @Exported
    public String getDigest() {
        return engine.digest() != null ? engine.digest() : live() ? record().getDigest() : null;
    }

    public String getShortDigest() {
        String digest = getDigest();
        return digest == null ? null : digest.replaceFirst("^(sha256:.{12}).*", "$1");
    }

    /** Container health as the engine reports it; null when unreachable. */
    @Exported
    public String getHealth() {
        return engine.health();
    }

    /** Hosts of a hosts target serving another commit than most, as "web2 serves 1a2b3c4d". */
    @Exported
    public List<String> getDrift() {
        return engine.drift();
    }

    /** Hosts of a hosts target that could not be read, with why. */
    @Exported
    public List<String> getUnreadHosts() {
        return engine.unreadHosts();
    }

    /** The build that deployed what serves, by the records. */
    public Run<?, ?> getRun() {
        return entry.getRun();
    }

    @Exported(name = "build")
    public String getBuildUrl() {
        return entry.getRun().getUrl();
    }

    @Exported
    public String getJob() {
        return entry.getRun().getParent().getFullName();
    }

    /** Why that build ran: "Started by user jsmith", "GitLab push by jsmith to shop/web ...". */
    @Exported
    public String getCause() {
        return entry.getCause();
    }

    /** When the deploy that serves started, in ms since the epoch. */
    @Exported
    public long getSince() {
        return record().getStartedAt();
    }

    /** The build record's view: LIVE, REPLACED, ROLLED_BACK or FAILED. */
    @Exported
    public DeployHistory.State getRecordState() {
        return entry.getState();
    }

    public DeployHistory.Entry getLastFailure() {
        return lastFailure;
    }

    @Exported
    public String getLastFailurePhase() {
        return lastFailure == null ? null : lastFailure.getRecord().getFailedPhase();
    }

    /** Relative to the Deployments page. */
    public String getHistoryUrl() {
        return "target/" + target + "/app/" + app + "/";
    }

    private DeployRecord record() {
        return entry.getRecord();
    }

    private boolean live() {
        return entry.getState() == DeployHistory.State.LIVE;
    }
}
