package io.s3conn.kafka.connect.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.s3conn.source.range.KeyRange;

/**
 * The key range a task reads, carried in its task configuration, and the source partition it is in Connect's
 * offset store: {@code {bucket, prefix, range}}. The range is named by its printed bounds, so a task that is
 * moved, or given the same range again, finds its offsets.
 */
record TaskRange(String bucket, String prefix, KeyRange range) {

    static final String AFTER = "s3conn.task.range.after";
    static final String UP_TO = "s3conn.task.range.up-to";

    /** The connector's settings plus this range. */
    Map<String, String> taskConfig(Map<String, String> connectorConfig) {
        Map<String, String> config = new HashMap<>(connectorConfig);
        range.after().ifPresent(after -> config.put(AFTER, after));
        range.upTo().ifPresent(upTo -> config.put(UP_TO, upTo));
        return config;
    }

    /** The range of a task configuration made by {@link #taskConfig}. */
    static KeyRange of(Map<String, String> taskConfig) {
        return new KeyRange(Optional.ofNullable(taskConfig.get(AFTER)), Optional.ofNullable(taskConfig.get(UP_TO)));
    }

    /** The source partition of this range. */
    Map<String, String> partition() {
        return Map.of("bucket", bucket, "prefix", prefix, "range", range.toString());
    }
}
