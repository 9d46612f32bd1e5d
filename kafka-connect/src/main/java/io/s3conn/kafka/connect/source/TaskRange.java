package io.s3conn.kafka.connect.source;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /**
     * The source partition of this range, its fields always in this order. Connect finds a partition's offset by
     * the partition's serialized bytes, and a map serializes in its iteration order: {@code Map.of}'s changes from
     * JVM to JVM, so a task moved to another worker would miss the offsets its predecessor committed.
     */
    Map<String, String> partition() {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put("bucket", bucket);
        partition.put("prefix", prefix);
        partition.put("range", range.toString());
        return Collections.unmodifiableMap(partition);
    }
}
