package io.bluegreen.image;

import com.github.dockerjava.api.model.ResponseItem;
import io.bluegreen.log.OperatorLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Push and pull progress without flooding the log: one line when a layer changes state (waiting,
 * pushing, pushed, already exists), and while layers move, one summary line at most every
 * {@link #SUMMARY_INTERVAL} instead of the engine's several updates a second.
 */
final class LayerProgress {
    static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(5);

    private final OperatorLog log;
    private final Map<String, String> stateByLayer = new HashMap<>();
    private final Map<String, long[]> bytesByLayer = new HashMap<>();
    private long lastSummaryNanos = System.nanoTime();

    LayerProgress(OperatorLog log) {
        this.log = log;
    }

    synchronized void update(ResponseItem item) {
        String layer = item.getId();
        String status = item.getStatus();
        if (layer == null || status == null || !layer.matches("[0-9a-f]{12,64}")) {
            return;
        }
        if (!status.equals(stateByLayer.put(layer, status))) {
            log.line("  layer " + layer + ": " + status);
        }
        ResponseItem.ProgressDetail detail = item.getProgressDetail();
        Long current = detail == null ? null : detail.getCurrent();
        Long total = detail == null ? null : detail.getTotal();
        if (current != null && total != null) {
            bytesByLayer.put(layer, new long[] {current, total});
            summarizeIfDue();
        }
    }

    private void summarizeIfDue() {
        long now = System.nanoTime();
        if (now - lastSummaryNanos < SUMMARY_INTERVAL.toNanos()) {
            return;
        }
        lastSummaryNanos = now;
        long done = bytesByLayer.values().stream().mapToLong(bytes -> bytes[0]).sum();
        long total = bytesByLayer.values().stream().mapToLong(bytes -> bytes[1]).sum();
        log.line(String.format("  %d layer(s) moving: %.1f of %.1f MB", bytesByLayer.size(), done / 1e6, total / 1e6));
    }
}
