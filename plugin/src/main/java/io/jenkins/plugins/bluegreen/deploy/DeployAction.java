package io.jenkins.plugins.bluegreen.deploy;

import hudson.model.BuildBadgeAction;
import hudson.model.Run;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.RunAction2;

/**
 * The deploys one build made: a badge in the build history, a summary on the build page and a page
 * of its own with every phase's duration.
 */
public class DeployAction implements RunAction2, BuildBadgeAction {
    static final String ICON = "/plugin/blue-green-deploy/images/bluegreen.svg";

    private final List<DeployRecord> records = new CopyOnWriteArrayList<>();
    private transient Run<?, ?> run;

    /** The build's action, attached on its first deploy. */
    static synchronized DeployAction of(Run<?, ?> run) {
        DeployAction action = run.getAction(DeployAction.class);
        if (action == null) {
            action = new DeployAction();
            run.addAction(action);
        }
        return action;
    }

    void add(DeployRecord record) {
        records.add(record);
    }

    public List<DeployRecord> getRecords() {
        return records;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** The badge's tooltip: where each deploy went and how it ended. */
    public String getSummary() {
        StringBuilder text = new StringBuilder();
        for (DeployRecord record : records) {
            text.append(text.isEmpty() ? "" : "; ").append(record.getApp()).append(" to ").append(record.getTarget())
                    .append(": ").append(record.getOutcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            if (record.getColour() != null) {
                text.append(" (").append(record.getColour()).append(", ").append(record.getShortCommit()).append(")");
            }
        }
        return text.toString();
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return ICON;
    }

    @Override
    public String getDisplayName() {
        return "Blue-green deploys";
    }

    @Override
    public String getUrlName() {
        return "bluegreen";
    }
}
