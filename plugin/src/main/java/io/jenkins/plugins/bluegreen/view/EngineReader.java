package io.jenkins.plugins.bluegreen.view;

import hudson.EnvVars;
import hudson.model.Job;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.bluegreen.deploy.Target;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.log.OperatorLog;
import io.jenkins.plugins.bluegreen.deploy.DeployHistory;
import io.jenkins.plugins.bluegreen.deploy.DeployRecord;
import io.jenkins.plugins.bluegreen.targets.CredentialSource;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import io.jenkins.plugins.bluegreen.targets.TargetResolver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads apps' live state from their engines for the Deployments page, all at once and for a bounded time:
 * an engine that has not answered by the deadline shows as unreachable rather than holding the page. A
 * reading is kept for a few seconds, so a page full of apps on one engine, or many people looking, does
 * not become as many engine calls; one still under way is shared, so a dead engine ties up one thread.
 */
final class EngineReader {
    /** How long a reading stands; deploys take longer than this, so the page is never misleadingly stale. */
    static final Duration FRESH = Duration.ofSeconds(10);
    /** How long a page waits for all its engines together. */
    static final Duration DEADLINE = Duration.ofMillis(1000);

    private static final ExecutorService READERS = Executors.newCachedThreadPool(
            new NamingThreadFactory(new DaemonThreadFactory(), "bluegreen-engine-reader"));
    private static final Map<String, Reading> READINGS = new ConcurrentHashMap<>();

    private record Reading(long startedAt, CompletableFuture<EngineReading> result) {
        boolean fresh(long now) {
            return now - startedAt < FRESH.toMillis() || !result.isDone();
        }
    }

    private EngineReader() {
    }

    /**
     * Starts reading {@code entry}'s app where it was deployed, unless a fresh reading is at hand. The key
     * holds the deploy and its outcome, so a deploy or rollback from Jenkins is seen at once, not after
     * {@link #FRESH}.
     */
    static CompletableFuture<EngineReading> start(Job<?, ?> job, DeployHistory.Entry entry) {
        DeployRecord record = entry.getRecord();
        String key = String.join("|", record.getTarget(), record.getEngine(), record.getApp(),
                entry.getRun().getExternalizableId(), Long.toString(record.getStartedAt()), record.getOutcome().name());
        long now = System.currentTimeMillis();
        READINGS.values().removeIf(reading -> !reading.fresh(now));
        return READINGS.compute(key, (k, old) -> old != null && old.fresh(now) ? old
                : new Reading(now, CompletableFuture.supplyAsync(() -> read(job, record), READERS))).result();
    }

    /** Drops every reading, so the next page asks the engines again (tests time a page that must). */
    static void forgetAll() {
        READINGS.clear();
    }

    /** The reading, or "unreachable" once the page's deadline (counted from {@code pageStart}) has passed. */
    static EngineReading await(CompletableFuture<EngineReading> reading, long pageStart) {
        long left = Math.max(0, pageStart + DEADLINE.toMillis() - System.currentTimeMillis());
        try {
            return reading.get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return EngineReading.unreachable("no answer within " + DEADLINE.toMillis() + " ms");
        } catch (ExecutionException e) {
            return EngineReading.unreachable(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EngineReading.unreachable("interrupted");
        }
    }

    /** With the job's credentials, as its rollback would connect; the credentials stay in this method. */
    private static EngineReading read(Job<?, ?> job, DeployRecord record) {
        ResolvedTarget target = new TargetResolver(CredentialSource.forItem(job)).resolve(record.getConfiguredTarget(),
                record.getConfiguredTarget() == null ? record.getEngine() : null, record.getTlsCredentialsId(), null,
                new EnvVars());
        RouterSettings router = record.getSettings().spec(target, null).router();
        try (Target readFrom = target.open(OperatorLog.silent())) {
            return EngineReading.of(readFrom.status(record.getApp(), router)).awaiting(readFrom.awaiting(record.getApp(), router));
        }
    }
}
