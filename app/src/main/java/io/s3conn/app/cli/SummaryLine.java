package io.s3conn.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.s3conn.core.text.TerminalText;
import io.s3conn.inventory.SyncSummary;

/** The human and the machine form of a sync's summary. */
public final class SummaryLine {

    private SummaryLine() {
    }

    /** One line (a prefix's control characters escaped): what was listed, what changed, and what the scope holds per storage class and restore status. */
    public static String text(SyncSummary summary) {
        return text(summary, "object");
    }

    /**
     * As {@link #text(SyncSummary)}, what the scope holds counted as {@code noun}s (a version sync's: versions), and its
     * delete markers beside them when it holds any: a first sync's {@code new} counts them too.
     */
    public static String text(SyncSummary summary, String noun) {
        var counters = summary.counters();
        var contents = summary.contents();
        return String.format("synced %s: %s (%s) in %.1fs%s; changed %,d (new %,d, updated %,d), deleted %,d; "
                        + "storage classes: %s; restore status: %s; restore status from %s (%s)",
                TerminalText.escaped(summary.scope().toString()), Count.of(contents.objects(), noun)
                        + (contents.deleteMarkers() > 0 ? " and " + Count.of(contents.deleteMarkers(), "delete marker") : ""),
                bytes(contents.bytes()), summary.elapsed().toMillis() / 1000.0,
                summary.resumes() > 0 ? " (resumed " + summary.resumes() + "x)" : "",
                counters.changed(), counters.inserted(), counters.updated(), counters.deleted(),
                join(contents.byStorageClass()), join(statusLabels(contents.byRestoreStatus())),
                summary.restoreStatusSource(), Count.of(counters.headRequests(), "HEAD request"));
    }

    /** The same as a JSON-ready map with stable, snake_case names. */
    public static Map<String, Object> json(SyncSummary summary, String database) {
        var counters = summary.counters();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bucket", summary.scope().bucket());
        json.put("prefix", summary.scope().prefix());
        json.put("database", database);
        json.put("started_at", summary.startedAt().toString());
        json.put("finished_at", summary.finishedAt().toString());
        json.put("elapsed_ms", summary.elapsed().toMillis());
        json.put("resumes", summary.resumes());
        json.put("pages", counters.pages());
        json.put("listed", counters.listed());
        json.put("changed", counters.changed());
        json.put("inserted", counters.inserted());
        json.put("updated", counters.updated());
        json.put("deleted", counters.deleted());
        json.put("head_requests", counters.headRequests());
        json.put("restore_status_source", summary.restoreStatusSource());
        json.put("objects", summary.contents().objects());
        json.put("bytes", summary.contents().bytes());
        json.put("by_storage_class", summary.contents().byStorageClass());
        json.put("by_restore_status", statusLabels(summary.contents().byRestoreStatus()));
        return json;
    }

    private static Map<String, Long> statusLabels(Map<String, Long> byLabel) {
        Map<String, Long> named = new LinkedHashMap<>();
        byLabel.forEach((label, count) -> named.put(label.isEmpty() ? "readable" : label, count));
        return named;
    }

    private static String join(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }
}
