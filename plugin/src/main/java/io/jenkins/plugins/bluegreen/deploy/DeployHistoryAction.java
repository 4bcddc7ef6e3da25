package io.jenkins.plugins.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import hudson.EnvVars;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.User;
import io.bluegreen.deploy.DeployFailedException;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.image.ImageOperationException;
import io.bluegreen.lock.LockHeldException;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.notify.DeployNotifications;
import io.bluegreen.targets.EngineUnreachableException;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.notify.DeployNotifiers;
import io.jenkins.plugins.bluegreen.targets.CredentialSource;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import io.jenkins.plugins.bluegreen.targets.TargetResolver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The job's deploy history, per target and app, newest first, from the records its builds kept;
 * and the rollback button. A rollback is a POST with the usual crumb and needs the job's Build
 * permission: it moves production traffic just like a build would.
 */
public class DeployHistoryAction implements Action {
    /** How far back the page looks; older deploys are long gone from the engines anyway. */
    static final int BUILDS_SCANNED = 100;
    private static final Logger LOGGER = Logger.getLogger(DeployHistoryAction.class.getName());

    private final Job<?, ?> job;

    public DeployHistoryAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** One deploy and the build that made it. */
    public static final class Entry {
        private final Run<?, ?> run;
        private final DeployRecord record;

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
    }

    /** "target / app" to its deploys, newest first. */
    public Map<String, List<Entry>> getHistory() {
        Map<String, List<Entry>> history = new LinkedHashMap<>();
        for (Run<?, ?> run : job.getBuilds().limit(BUILDS_SCANNED)) {
            DeployAction action = run.getAction(DeployAction.class);
            if (action == null) {
                continue;
            }
            List<DeployRecord> records = new ArrayList<>(action.getRecords());
            Collections.reverse(records);
            for (DeployRecord record : records) {
                history.computeIfAbsent(key(record.getTarget(), record.getApp()), k -> new ArrayList<>()).add(new Entry(run, record));
            }
        }
        return history;
    }

    static String key(String target, String app) {
        return target + " / " + app;
    }

    /** The deploy that serves now: the newest that went live and was not rolled back. */
    Optional<Entry> live(String target, String app) {
        return getHistory().getOrDefault(key(target, app), List.of()).stream()
                .filter(entry -> entry.record.getOutcome() != DeployRecord.Outcome.FAILED)
                .findFirst()
                .filter(entry -> entry.record.getOutcome() == DeployRecord.Outcome.LIVE);
    }

    public boolean isRollbackAllowed() {
        return job.hasPermission(Item.BUILD);
    }

    @RequirePOST
    public HttpResponse doRollback(@QueryParameter String target, @QueryParameter String app) throws IOException {
        job.checkPermission(Item.BUILD);
        Entry live = live(target, app).orElse(null);
        if (live == null) {
            return HttpResponses.errorWithoutStack(409, "No live deploy of " + app + " on " + target + " to roll back from.");
        }
        User user = User.current();
        String who = user == null ? "anonymous" : user.getId();
        StringBuilder text = new StringBuilder();
        OperatorLog log = line -> {
            text.append(line).append('\n');
            LOGGER.info(() -> job.getFullName() + " rollback: " + line);
        };
        try {
            DeployResult result = rollback(live, who, log);
            live.record.rolledBack(who);
            live.run.save();
            log.line("rolled back: " + result.app() + " on " + target + " is live on " + result.liveColour()
                    + " with commit " + result.commit());
        } catch (InvalidInputException | EngineUnreachableException | ImageOperationException | DeployFailedException
                 | LockHeldException e) {
            log.line("rollback failed: " + e.getMessage());
        }
        return HttpResponses.forwardToView(this, "rolledBack").with("log", text.toString());
    }

    private DeployResult rollback(Entry live, String who, OperatorLog log) throws IOException {
        DeployRecord record = live.record;
        CredentialSource credentials = CredentialSource.forItem(job);
        ResolvedTarget target = new TargetResolver(credentials).resolve(record.getConfiguredTarget(),
                record.getConfiguredTarget() == null ? record.getEngine() : null, record.getTlsCredentialsId(), null,
                new EnvVars());
        DeployRecord.Notification notification = record.getNotification();
        DeployNotifications events = new DeployNotifications(DeployNotifiers.choose(notification.slackWebhookCredentialsId(),
                notification.slackChannel(), credentials, live.run, log), target.label())
                .triggeredBy(who + " (Jenkins rollback)")
                .asRollback();
        try (DockerClient docker = target.connect(log)) {
            return ColourSwitch.on(target, docker, log, events).rollback().apply(record.getSettings().spec(target, null));
        }
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
        return "bluegreen-deploys";
    }
}
