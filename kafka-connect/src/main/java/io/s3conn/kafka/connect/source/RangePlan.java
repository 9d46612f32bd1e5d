package io.s3conn.kafka.connect.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.s3conn.core.json.Json;
import io.s3conn.source.range.KeyRange;

/**
 * How the connector split its scope into key ranges, one per task: the keys at which one range ends and the next
 * begins, and which of the scope's plans this is. Every task's offset carries the whole plan, so that a restarted
 * connector finds it in Connect's offset store ({@link StoredPlans}) and gives its tasks the same ranges again, however
 * the bucket changed meanwhile: their offsets stay valid and nothing is snapshotted twice.
 * <p>
 * Plans are numbered, not stamped with the time they were made, so that a connector that plans again before any
 * task committed an offset (started on another worker, restarted) makes the same plan of an unchanged bucket, down
 * to the configurations of its tasks: Connect then leaves the running tasks alone instead of restarting every one
 * of them, which without exactly-once delivery began their snapshots again.
 *
 * @param number which plan of the scope this is: the first is 1, one made while offsets of others are stored is
 *               numbered after the highest of them; the highest stored plan wins
 * @param cuts   the last key of every range but the last, in key order
 */
record RangePlan(long number, List<String> cuts) {

    /** The offset field holding {@link #cuts} as a JSON array: offsets hold primitive values only. */
    static final String CUTS = "plan";
    /** The offset field holding {@link #number}. */
    static final String NUMBER = "plan-number";
    /**
     * The offset field in which versions before plans were numbered stored the epoch milliseconds the plan was made
     * at: read as its number, so such a plan is kept, and a new one is numbered after it.
     */
    static final String PLANNED_AT = "planned-at";
    /** The number of a scope's first plan. */
    static final long FIRST = 1;

    RangePlan {
        if (number < 0) {
            throw new IllegalArgumentException("a plan's number is not negative: " + number);
        }
        cuts = List.copyOf(cuts);
        for (int i = 1; i < cuts.size(); i++) {
            if (KeyRange.compareKeys(cuts.get(i - 1), cuts.get(i)) >= 0) {
                throw new IllegalArgumentException("the cuts of a plan are increasing keys: " + cuts);
            }
        }
    }

    /** The plan of {@code ranges}: consecutive ranges that together cover every key, as a planner returns them. */
    static RangePlan of(List<KeyRange> ranges, long number) {
        List<String> cuts = new ArrayList<>();
        for (int i = 0; i < ranges.size() - 1; i++) {
            cuts.add(ranges.get(i).upTo().orElseThrow(() -> new IllegalArgumentException("ranges before the last end at a key")));
        }
        RangePlan plan = new RangePlan(number, cuts);
        if (!plan.ranges().equals(ranges)) {
            throw new IllegalArgumentException("the ranges of a plan are consecutive and cover every key: " + ranges);
        }
        return plan;
    }

    /** The ranges, in key order: task {@code i} reads range {@code i}. */
    List<KeyRange> ranges() {
        List<KeyRange> ranges = new ArrayList<>(cuts.size() + 1);
        Optional<String> after = Optional.empty();
        for (String cut : cuts) {
            ranges.add(new KeyRange(after, Optional.of(cut)));
            after = Optional.of(cut);
        }
        ranges.add(new KeyRange(after, Optional.empty()));
        return ranges;
    }

    /** This plan's fields of an offset, beside the position. */
    void addTo(Map<String, Object> offset) {
        offset.put(NUMBER, number);
        offset.put(CUTS, Json.write(cuts));
    }

    /** The plan an offset written with {@link #addTo} carries; empty for an offset without one. */
    static Optional<RangePlan> from(Map<String, ?> offset) {
        if (offset == null || !(offset.get(CUTS) instanceof String cuts)) {
            return Optional.empty();
        }
        Object number = offset.containsKey(NUMBER) ? offset.get(NUMBER) : offset.get(PLANNED_AT);
        if (!(number instanceof Number stored)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RangePlan(stored.longValue(), List.of(Json.read(cuts, String[].class))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty(); // not written by this class: no plan to keep
        }
    }
}
