package io.jenkins.plugins.bluegreen.view;

import hudson.model.Job;
import io.jenkins.plugins.bluegreen.deploy.DeployHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Every app on every target that the current user may see: built from the jobs they can read (their
 * build records say what was deployed where), then completed by reading every engine at once.
 */
@ExportedBean(defaultVisibility = 999)
public final class DeploymentsTable {
    /** One app: its cell per target, in the table's target order; a target it never went to has none. */
    @ExportedBean(defaultVisibility = 999)
    public static final class Row {
        private final String app;
        private final Map<String, Deployment> byTarget;

        Row(String app, Map<String, Deployment> byTarget) {
            this.app = app;
            this.byTarget = byTarget;
        }

        @Exported
        public String getApp() {
            return app;
        }

        @Exported
        public List<Deployment> getDeployments() {
            return List.copyOf(byTarget.values());
        }

        public Deployment on(String target) {
            return byTarget.get(target);
        }
    }

    private final List<String> targets;
    private final List<Row> rows;

    private DeploymentsTable(List<String> targets, List<Row> rows) {
        this.targets = targets;
        this.rows = rows;
    }

    /** Reads the records of every job the current user can read, then their engines, within {@link EngineReader#DEADLINE}. */
    public static DeploymentsTable read() {
        long start = System.currentTimeMillis();
        Map<String, Map<String, Found>> found = new TreeMap<>();
        for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
            DeployHistory history = DeployHistory.of(job);
            for (List<DeployHistory.Entry> entries : history.getGroups().values()) {
                Found candidate = Found.of(job, entries);
                found.computeIfAbsent(candidate.entry.getRecord().getApp(), app -> new TreeMap<>())
                        .merge(candidate.entry.getRecord().getTarget(), candidate, Found::newer);
            }
        }
        TreeSet<String> targets = new TreeSet<>();
        found.values().forEach(cells -> targets.addAll(cells.keySet()));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Found>> app : found.entrySet()) {
            Map<String, Deployment> cells = new LinkedHashMap<>();
            app.getValue().forEach((target, cell) -> cells.put(target, cell.await(target, app.getKey(), start)));
            rows.add(new Row(app.getKey(), cells));
        }
        return new DeploymentsTable(List.copyOf(targets), rows);
    }

    /** One job's view of an app on a target, with its engine reading under way. */
    record Found(DeployHistory.Entry entry, DeployHistory.Entry lastFailure, CompletableFuture<EngineReading> reading) {
        static Found of(Job<?, ?> job, List<DeployHistory.Entry> entries) {
            DeployHistory.Entry shown = entries.stream().filter(e -> e.getState() == DeployHistory.State.LIVE).findFirst()
                    .orElse(entries.get(0));
            DeployHistory.Entry failure = entries.get(0).getState() == DeployHistory.State.FAILED ? entries.get(0) : null;
            return new Found(shown, failure, EngineReader.start(job, shown));
        }

        /** Two jobs deployed the same app to the same target: the one that deployed last tells. */
        static Found newer(Found a, Found b) {
            return Comparator.comparingLong((Found f) -> f.entry.getRecord().getStartedAt()).compare(a, b) >= 0 ? a : b;
        }

        Deployment await(String target, String app, long pageStart) {
            return new Deployment(target, app, entry, lastFailure, EngineReader.await(reading, pageStart));
        }
    }

    @Exported
    public List<String> getTargets() {
        return targets;
    }

    @Exported(name = "apps")
    public List<Row> getRows() {
        return rows;
    }
}
