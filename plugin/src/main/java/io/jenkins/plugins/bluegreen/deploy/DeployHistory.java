package io.jenkins.plugins.bluegreen.deploy;

import hudson.model.Cause;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * A job's deploys per target and app, newest first, from the records its recent builds kept, each
 * with what it is now: a build record says how its deploy ended, not that a later deploy replaced it.
 */
public final class DeployHistory {
    /** How far back a job is read; older deploys are long gone from the engines anyway. */
    public static final int BUILDS_SCANNED = 100;

    /** What a deploy is now. */
    public enum State {
        /** The router sends traffic to it. */
        LIVE,
        /** A later deploy went live over it. */
        REPLACED,
        /** Someone rolled it back to the colour before it. */
        ROLLED_BACK,
        /** It never went live; traffic stayed where it was. */
        FAILED
    }

    /** One deploy, the build that made it and what it is now. */
    @ExportedBean(defaultVisibility = 999)
    public static final class Entry {
        private final Run<?, ?> run;
        private final DeployRecord record;
        private State state;

        Entry(Run<?, ?> run, DeployRecord record) {
            this.run = run;
            this.record = record;
        }

        public Run<?, ?> getRun() {
            return run;
        }

        public DeployRecord getRecord() {
            return record;
        }

        @Exported
        public State getState() {
            return state;
        }

        @Exported(name = "build")
        public String getBuildUrl() {
            return run.getUrl();
        }

        /** Why the build ran: "Started by user jsmith", "GitLab push by jsmith to shop/web ...". */
        @Exported
        public String getCause() {
            return run.getCauses().stream().findFirst().map(Cause::getShortDescription).orElse(null);
        }

        @Exported
        public long getStartedAt() {
            return record.getStartedAt();
        }

        @Exported
        public String getColour() {
            return record.getColour();
        }

        @Exported
        public String getCommit() {
            return record.getCommit();
        }

        @Exported
        public String getDigest() {
            return record.getDigest();
        }

        @Exported
        public String getFailedPhase() {
            return record.getFailedPhase();
        }

        @Exported
        public String getFailure() {
            return record.getFailure();
        }

        @Exported
        public String getRolledBackBy() {
            return record.getRolledBackBy();
        }
    }

    private final Map<String, List<Entry>> byTargetAndApp = new LinkedHashMap<>();

    private DeployHistory() {
    }

    public static DeployHistory of(Job<?, ?> job) {
        DeployHistory history = new DeployHistory();
        for (Run<?, ?> run : job.getBuilds().limit(BUILDS_SCANNED)) {
            DeployAction action = run.getAction(DeployAction.class);
            if (action == null) {
                continue;
            }
            List<DeployRecord> records = new ArrayList<>(action.getRecords());
            Collections.reverse(records);
            for (DeployRecord record : records) {
                history.byTargetAndApp.computeIfAbsent(key(record.getTarget(), record.getApp()), k -> new ArrayList<>())
                        .add(new Entry(run, record));
            }
        }
        history.byTargetAndApp.values().forEach(DeployHistory::assignStates);
        return history;
    }

    /**
     * Newest first: the first deploy that went live and was not rolled back serves now (after a rollback
     * that is the deploy before the rolled-back one); every older one that went live was replaced.
     */
    private static void assignStates(List<Entry> entries) {
        boolean liveFound = false;
        for (Entry entry : entries) {
            switch (entry.record.getOutcome()) {
                case FAILED -> entry.state = State.FAILED;
                case ROLLED_BACK -> entry.state = State.ROLLED_BACK;
                case LIVE -> {
                    entry.state = liveFound ? State.REPLACED : State.LIVE;
                    liveFound = true;
                }
            }
        }
    }

    static String key(String target, String app) {
        return target + " / " + app;
    }

    /** "target / app" to its deploys, newest first. */
    public Map<String, List<Entry>> getGroups() {
        return byTargetAndApp;
    }

    public List<Entry> entries(String target, String app) {
        return byTargetAndApp.getOrDefault(key(target, app), List.of());
    }

    /** The deploy that serves now, whatever made it live again. */
    public Optional<Entry> live(String target, String app) {
        return entries(target, app).stream().filter(entry -> entry.state == State.LIVE).findFirst();
    }

    /**
     * The deploy a rollback would undo: the newest one that went live, when it still serves and had a
     * colour before it. After a rollback the engine keeps the rolled-back colour as the other one, so a
     * second rollback would bring back what was just undone; the history offers none then.
     */
    public Optional<Entry> rollbackCandidate(String target, String app) {
        return entries(target, app).stream().filter(entry -> entry.state != State.FAILED).findFirst()
                .filter(entry -> entry.state == State.LIVE && entry.record.getPreviousColour() != null);
    }
}
