package io.s3conn.kafka.connect.source;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import io.s3conn.source.range.KeyRange;
import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.ListedObject;
import io.s3conn.source.walk.WalkPage;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Splits a scope into one key range per task, at quantiles of the keys of its first listing pages. When the
 * scope is larger than the sample, the keys after the sample form the last range.
 *
 * <p>Only a connector without a stored plan ({@link StoredPlans}) plans: the plan depends on the bucket's keys.
 * The range planner of the parallel listing issue replaces this sampling.
 */
final class RangePlanner {

    private RangePlanner() {
    }

    /**
     * At most {@code tasks} ranges that together cover every key, in key order.
     *
     * @param samplePages listing pages to read at most
     */
    static List<KeyRange> plan(S3Client s3, String bucket, String prefix, int tasks, int samplePages) {
        if (tasks <= 1) {
            return List.of(KeyRange.ALL);
        }
        List<String> keys = new ArrayList<>();
        boolean complete = false;
        Iterator<WalkPage<ListedObject>> pages = new CurrentObjectsWalk(s3, bucket, prefix).pages(KeyRange.ALL);
        for (int i = 0; i < samplePages && pages.hasNext(); i++) {
            WalkPage<ListedObject> page = pages.next();
            page.entries().forEach(entry -> keys.add(entry.key()));
            complete = page.last();
        }
        // A complete sample is cut into equal parts; a partial one leaves the last range to the unseen keys.
        int sampledRanges = complete ? tasks : tasks - 1;
        List<String> cuts = new ArrayList<>();
        for (int i = 1; i < sampledRanges; i++) {
            int index = (int) ((long) keys.size() * i / sampledRanges) - 1;
            if (index >= 0 && (cuts.isEmpty() || !cuts.getLast().equals(keys.get(index)))) {
                cuts.add(keys.get(index));
            }
        }
        if (!complete && !keys.isEmpty() && (cuts.isEmpty() || !cuts.getLast().equals(keys.getLast()))) {
            cuts.add(keys.getLast());
        }
        List<KeyRange> ranges = new ArrayList<>();
        Optional<String> after = Optional.empty();
        for (String cut : cuts) {
            ranges.add(new KeyRange(after, Optional.of(cut)));
            after = Optional.of(cut);
        }
        ranges.add(new KeyRange(after, Optional.empty()));
        return ranges;
    }
}
