package io.jenkins.plugins.bluegreen.deploy;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.queue.SubTask;
import hudson.util.StreamTaskListener;
import io.bluegreen.deploy.DeployFailedException;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.deploy.RolloutFailedException;
import io.bluegreen.deploy.Target;
import io.bluegreen.image.ImageOperationException;
import io.bluegreen.lock.LockHeldException;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.notify.DeployNotifications;
import io.bluegreen.targets.EngineUnreachableException;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.targets.CredentialSource;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import io.jenkins.plugins.bluegreen.targets.TargetResolver;
import java.io.IOException;
import java.io.PrintStream;

/**
 * A rollback someone asked for on a page, run by the queue like a build rather than inside the web
 * request: it waits for a health check, which may take minutes, and its log stays readable afterwards.
 * Flyweight, because it only talks to engines from the controller; transient, because a rollback
 * asked for before a restart should not move traffic after it without anyone watching.
 */
public final class RollbackTask implements Queue.FlyweightTask, Queue.TransientTask {
    private final Job<?, ?> job;
    private final String target;
    private final String app;
    private final String user;
    private final RollbackLog log;

    RollbackTask(Job<?, ?> job, String target, String app, String user) {
        this.job = job;
        this.target = target;
        this.app = app;
        this.user = user;
        this.log = RollbackLog.create(job);
    }

    /** Queues the rollback; the returned log is where to watch it. */
    static RollbackLog schedule(Job<?, ?> job, String target, String app, String user) throws IOException {
        RollbackTask task = new RollbackTask(job, target, app, user);
        task.log.waiting();
        Queue.getInstance().schedule2(task, 0);
        return task.log;
    }

    @Override
    public String getName() {
        return "roll back " + app + " on " + target;
    }

    @Override
    public String getDisplayName() {
        return "Roll back " + app + " on " + target;
    }

    @Override
    public String getFullDisplayName() {
        return job.getFullDisplayName() + " » " + getDisplayName();
    }

    @Override
    public String getUrl() {
        return log.getUrl();
    }

    @Override
    public boolean hasAbortPermission() {
        return job.hasPermission(Item.CANCEL);
    }

    @Override
    public void checkAbortPermission() {
        job.checkPermission(Item.CANCEL);
    }

    @Override
    public Queue.Executable createExecutable() {
        return new Execution();
    }

    /** The rollback itself, writing to its own log and leaving an audit entry however it ends. */
    private final class Execution implements Queue.Executable {
        @NonNull
        @Override
        public SubTask getParent() {
            return RollbackTask.this;
        }

        @Override
        public String getConsoleUrl() {
            return log.getUrl();
        }

        @Override
        public void run() {
            boolean succeeded = false;
            String result;
            try (StreamTaskListener listener = new StreamTaskListener(log.file())) {
                PrintStream out = listener.getLogger();
                OperatorLog lines = out::println;
                lines.line("Rollback of " + app + " on " + target + ", asked for by " + user);
                try {
                    result = rollBack(lines);
                    succeeded = true;
                } catch (InvalidInputException | EngineUnreachableException | ImageOperationException
                         | DeployFailedException | RolloutFailedException | LockHeldException e) {
                    result = "failed: " + e.getMessage();
                } catch (IOException | RuntimeException e) {
                    e.printStackTrace(out);
                    result = "failed: " + e;
                }
                lines.line(result);
                lines.line("Finished: " + (succeeded ? "SUCCESS" : "FAILURE"));
            } catch (IOException e) {
                result = "failed: its log could not be written: " + e;
            }
            log.finished();
            AuditTrail.record(job, new AuditTrail.Entry(System.currentTimeMillis(), user, "rollback", target, app,
                    succeeded, result, log.getUrl()));
        }

        private String rollBack(OperatorLog lines) throws IOException {
            DeployHistory.Entry live = DeployHistory.of(job).rollbackCandidate(target, app).orElse(null);
            InvalidInputException.require(live != null, "app", "no deploy of " + app + " on " + target
                    + " is live with a colour before it", "deploy the version you want instead");
            DeployRecord record = live.getRecord();
            CredentialSource credentials = CredentialSource.forItem(job);
            ResolvedTarget resolved = new TargetResolver(credentials).resolve(record.getConfiguredTarget(),
                    record.getConfiguredTarget() == null ? record.getEngine() : null, record.getTlsCredentialsId(), null,
                    new EnvVars());
            DeployRecord.Notification notification = record.getNotification();
            DeployNotifications events = notification.on(resolved.label(), credentials, live.getRun(), lines)
                    .triggeredBy(user + " (Jenkins rollback)")
                    .asRollback();
            DeployResult result;
            try (Target back = resolved.open(lines).withListener(events)) {
                // The lead host (the canary, or the first switched) stands for a target of many, as in a rollout.
                result = back.rollback(record.getSettings().spec(resolved, null)).lead().orElseThrow();
            }
            record.rolledBack(user);
            live.getRun().save();
            return "rolled back: " + result.app() + " on " + target + " is live on " + result.liveColour()
                    + " with commit " + result.commit();
        }
    }
}
