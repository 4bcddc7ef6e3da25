package io.jenkins.plugins.bluegreen.deploy;

import hudson.XmlFile;
import hudson.model.Cause;
import hudson.model.Job;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Every action taken on deploys from Jenkins, per job: who did what to which app on which target, when,
 * and how it ended. Kept beside the job's builds rather than in them, because a rollback has no build,
 * and so that discarding old builds does not erase who rolled back what.
 */
public final class AuditTrail {
    /** Enough for months of deploys of one job; the oldest are dropped first. */
    static final int KEPT = 500;
    private static final Logger LOGGER = Logger.getLogger(AuditTrail.class.getName());
    private static final String FILE = "bluegreen-audit.xml";

    /**
     * One action and its result. {@code url} is relative to Jenkins' root: the build or the rollback's log.
     * A class rather than a record: XStream cannot set a record's fields when it reads the file back.
     */
    @ExportedBean(defaultVisibility = 999)
    public static final class Entry {
        private final long time;
        private final String user;
        private final String action;
        private final String target;
        private final String app;
        private final boolean succeeded;
        private final String result;
        private final String url;

        public Entry(long time, String user, String action, String target, String app, boolean succeeded,
                     String result, String url) {
            this.time = time;
            this.user = user;
            this.action = action;
            this.target = target;
            this.app = app;
            this.succeeded = succeeded;
            this.result = result;
            this.url = url;
        }

        @Exported
        public long getTime() {
            return time;
        }

        public Date getDate() {
            return new Date(time);
        }

        @Exported
        public String getUser() {
            return user;
        }

        /** deploy or rollback. */
        @Exported
        public String getAction() {
            return action;
        }

        @Exported
        public String getTarget() {
            return target;
        }

        @Exported
        public String getApp() {
            return app;
        }

        @Exported
        public boolean isSucceeded() {
            return succeeded;
        }

        @Exported
        public String getResult() {
            return result;
        }

        @Exported
        public String getUrl() {
            return url;
        }
    }

    private AuditTrail() {
    }

    /** Who started a build: the user who pressed Build, else its first cause ("GitLab push by jsmith ..."). */
    static String who(Run<?, ?> run) {
        Cause.UserIdCause user = run.getCause(Cause.UserIdCause.class);
        if (user != null && user.getUserId() != null) {
            return user.getUserId();
        }
        return run.getCauses().stream().findFirst().map(Cause::getShortDescription).orElse("Jenkins");
    }

    private static XmlFile file(Job<?, ?> job) {
        return new XmlFile(new File(job.getRootDir(), FILE));
    }

    /** Appends; a trail that cannot be written is logged, never a reason to fail the deploy it describes. */
    public static void record(Job<?, ?> job, Entry entry) {
        synchronized (AuditTrail.class) {
            List<Entry> entries = new ArrayList<>(read(job));
            entries.add(entry);
            if (entries.size() > KEPT) {
                entries = new ArrayList<>(entries.subList(entries.size() - KEPT, entries.size()));
            }
            try {
                file(job).write(new ArrayList<>(entries));
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "could not write the deploy audit trail of " + job.getFullName(), e);
            }
        }
    }

    /** Oldest first. */
    @SuppressWarnings("unchecked")
    static List<Entry> read(Job<?, ?> job) {
        XmlFile file = file(job);
        if (!file.exists()) {
            return List.of();
        }
        try {
            return (List<Entry>) file.read();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not read the deploy audit trail of " + job.getFullName(), e);
            return List.of();
        }
    }

    /** The job's entries about one app on one target, newest first. */
    public static List<Entry> of(Job<?, ?> job, String target, String app) {
        List<Entry> entries = new ArrayList<>(read(job).stream()
                .filter(entry -> entry.getTarget().equals(target) && entry.getApp().equals(app)).toList());
        Collections.reverse(entries);
        return entries;
    }
}
