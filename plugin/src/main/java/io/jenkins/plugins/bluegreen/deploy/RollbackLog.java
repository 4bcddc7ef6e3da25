package io.jenkins.plugins.bluegreen.deploy;

import hudson.console.AnnotatedLargeText;
import hudson.model.Job;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The log of one rollback, kept in the job's folder, and its page; the queued task writes it. Whether it
 * is still running is kept in memory only: after a restart, no rollback runs.
 */
public final class RollbackLog {
    private static final String FOLDER = "bluegreen-rollbacks";
    /** Log files of rollbacks not yet finished. */
    private static final Set<File> UNFINISHED = ConcurrentHashMap.newKeySet();

    private final Job<?, ?> job;
    private final String id;

    private RollbackLog(Job<?, ?> job, String id) {
        this.job = job;
        this.id = id;
    }

    /** A new log, named by the time it was asked for (unique per job: two clicks in one millisecond are one click). */
    static synchronized RollbackLog create(Job<?, ?> job) {
        long id = System.currentTimeMillis();
        while (new RollbackLog(job, Long.toString(id)).file().exists()
                || UNFINISHED.contains(new RollbackLog(job, Long.toString(id)).file())) {
            id++;
        }
        return new RollbackLog(job, Long.toString(id));
    }

    /** An existing log; null for an id that is not one (ids are digits, so none leaves the folder). */
    static RollbackLog find(Job<?, ?> job, String id) {
        if (id == null || !id.matches("\\d{1,19}")) {
            return null;
        }
        RollbackLog log = new RollbackLog(job, id);
        return log.file().exists() || UNFINISHED.contains(log.file()) ? log : null;
    }

    File file() {
        return new File(new File(job.getRootDir(), FOLDER), id + ".log");
    }

    void waiting() throws IOException {
        Files.createDirectories(file().getParentFile().toPath());
        UNFINISHED.add(file());
    }

    void finished() {
        UNFINISHED.remove(file());
    }

    public Job<?, ?> getJob() {
        return job;
    }

    public String getId() {
        return id;
    }

    /** Relative to Jenkins' root, like a build's. */
    public String getUrl() {
        return job.getUrl() + DeployHistoryAction.URL_NAME + "/rollbackLog/" + id + "/";
    }

    public boolean isQueued() {
        return UNFINISHED.contains(file()) && !file().exists();
    }

    public boolean isRunning() {
        return UNFINISHED.contains(file());
    }

    /** {@code progressiveText}: the log so far, for the page, which polls until the rollback has finished. */
    public void doProgressiveText(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        new AnnotatedLargeText<>(file(), StandardCharsets.UTF_8, !isRunning(), this).doProgressiveText(req, rsp);
    }
}
