package io.s3conn.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.s3conn.core.json.Json;
import io.s3conn.core.s3.S3Endpoint;
import io.s3conn.core.state.CheckpointJson;
import io.s3conn.core.state.EndpointChange;
import io.s3conn.glacier.ArchiveEnforcement;
import io.s3conn.glacier.ListingRestoreStatus;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.KeyRanges;

/**
 * The checkpoint of one inventory scope, stored as JSON next to the rows it describes and
 * committed in the same transaction as each listing page.
 *
 * @param bucket                 the scope's bucket
 * @param prefix                 the scope's prefix
 * @param running                the sync under way (or killed): where its listing resumes
 * @param lastCompleted          the last sync that listed the whole scope
 * @param listingRestoreStatus   proven once this server's listing showed a RestoreStatus element, rejected if it
 *                               refused the attribute, else unknown; stored as its label ({@code proven})
 * @param archiveEnforcement     enforced or not once a probe showed whether this server serves archived objects,
 *                               else unknown; stored as its label ({@code not-enforced}; absent in checkpoints
 *                               written before)
 * @param endpoint               the server the rows were listed from ({@link S3Endpoint#label()}): rows are kept by
 *                               bucket and prefix, so a sync from another server says so and learns that server
 *                               afresh ({@link #from}); absent in checkpoints written before, which take the next sync's
 */
public record InventoryCheckpoint(String bucket, String prefix, Optional<Run> running, Optional<CompletedRun> lastCompleted,
                                  ListingRestoreStatus listingRestoreStatus, ArchiveEnforcement archiveEnforcement,
                                  Optional<String> endpoint) {

    /**
     * Refuses a null bucket or prefix; reads every other absent value (a checkpoint stored before it existed, as JSON
     * hands it over) as empty or unknown.
     */
    public InventoryCheckpoint {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        running = running == null ? Optional.empty() : running;
        lastCompleted = lastCompleted == null ? Optional.empty() : lastCompleted;
        listingRestoreStatus = listingRestoreStatus == null ? ListingRestoreStatus.UNKNOWN : listingRestoreStatus;
        archiveEnforcement = archiveEnforcement == null ? ArchiveEnforcement.UNKNOWN : archiveEnforcement;
        endpoint = endpoint == null ? Optional.empty() : endpoint;
    }

    /**
     * The checkpoint stored under {@code name} as {@code json}.
     *
     * @throws IllegalStateException naming the checkpoint as damaged and what is wrong with it ({@link CheckpointJson})
     */
    public static InventoryCheckpoint read(String name, String json) {
        JsonNode tree = CheckpointJson.read(name, json);
        try {
            return Json.mapper().treeToValue(tree, InventoryCheckpoint.class);
        } catch (JsonProcessingException e) {
            // Well-formed JSON of another shape. Jackson's words name Java classes; the key is what a reader can look at.
            throw new IllegalStateException(CheckpointJson.damaged(name, "the JSON is not an inventory checkpoint"
                    + (e instanceof JsonMappingException mapping ? key(mapping) : "")), e);
        }
    }

    /** {@code  (at running.ranges[0].after)}: where in the JSON the mapping failed; empty at its top. */
    private static String key(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : " (at " + path + ")";
    }

    /** A scope never synced. */
    public static InventoryCheckpoint empty(InventoryScope scope) {
        return new InventoryCheckpoint(scope.bucket(), scope.prefix(), Optional.empty(), Optional.empty(), ListingRestoreStatus.UNKNOWN,
                ArchiveEnforcement.UNKNOWN, Optional.empty());
    }

    /** A copy with another run in progress (or none). */
    public InventoryCheckpoint withRunning(Optional<Run> run) {
        return new InventoryCheckpoint(bucket, prefix, run, lastCompleted, listingRestoreStatus, archiveEnforcement,
                endpoint);
    }

    /** A copy with the run finished. */
    public InventoryCheckpoint completed(CompletedRun run) {
        return new InventoryCheckpoint(bucket, prefix, Optional.empty(), Optional.of(run), listingRestoreStatus,
                archiveEnforcement, endpoint);
    }

    /** A copy with what is known of the server. */
    public InventoryCheckpoint withServer(ServerTraits traits) {
        return new InventoryCheckpoint(bucket, prefix, running, lastCompleted, traits.listing(), traits.enforcement(),
                endpoint);
    }

    /**
     * A copy recorded against {@code server}, for a sync from it. Recorded against another server, it keeps only its
     * last completed run: what it learned of that server (listing RestoreStatus, archive enforcement) need not hold
     * for this one, and a run in progress would leave the ranges it already listed with that server's rows, so the
     * sync lists the whole scope again.
     */
    public InventoryCheckpoint from(S3Endpoint server) {
        if (change(server).isEmpty()) {
            return new InventoryCheckpoint(bucket, prefix, running, lastCompleted, listingRestoreStatus,
                    archiveEnforcement, Optional.of(server.label()));
        }
        return new InventoryCheckpoint(bucket, prefix, Optional.empty(), lastCompleted, ListingRestoreStatus.UNKNOWN,
                ArchiveEnforcement.UNKNOWN, Optional.of(server.label()));
    }

    /** The change of server a sync from {@code server} makes, if this checkpoint was recorded against another. */
    public Optional<EndpointChange> change(S3Endpoint server) {
        return endpoint.filter(recorded -> !recorded.equals(server.label()))
                .map(recorded -> new EndpointChange("the inventory of s3://" + bucket + "/" + prefix,
                        new S3Endpoint(recorded), server));
    }

    /** What this checkpoint knows of the server, on top of whether it is Amazon S3. */
    public ServerTraits server(boolean amazonS3) {
        return ServerTraits.of(amazonS3).withListing(listingRestoreStatus).withEnforcement(archiveEnforcement);
    }

    /**
     * A sync in progress.
     *
     * @param startedAt  when it started (the first attempt, if it was resumed)
     * @param startAfter where a sequential sync of an earlier version resumes (the last key whose page was
     *                   committed); read from old checkpoints, never written now that {@code ranges} say it
     * @param resumes    how many times it was resumed after being stopped
     * @param counters   what it did so far
     * @param ranges     the key ranges still to list, each resuming after its lower bound: the progress of
     *                   every range of the scope walked at once
     */
    public record Run(Instant startedAt, Optional<String> startAfter, int resumes, SyncCounters counters,
                      List<Range> ranges) {
        /**
         * Reads an absent value (a checkpoint stored before it existed) as empty; keeps an unmodifiable copy of the
         * ranges.
         */
        public Run {
            startAfter = startAfter == null ? Optional.empty() : startAfter;
            ranges = ranges == null ? List.of() : List.copyOf(ranges);
        }

        /** What is left to list: the ranges, or after {@code startAfter} for an old checkpoint. */
        public KeyRanges remaining() {
            if (!ranges.isEmpty()) {
                return new KeyRanges(ranges.stream().map(Range::keyRange).toList());
            }
            return new KeyRanges(List.of(KeyRange.after(startAfter)));
        }
    }

    /**
     * A key range still to list, as stored: keys after {@code after} up to {@code upTo} (open where empty).
     *
     * @param after the last key committed in the range, or its lower bound
     * @param upTo  its upper bound
     */
    public record Range(Optional<String> after, Optional<String> upTo) {
        /** Reads an absent bound (as JSON stores it) as unbounded. */
        public Range {
            after = after == null ? Optional.empty() : after;
            upTo = upTo == null ? Optional.empty() : upTo;
        }

        /** As a key range. */
        public KeyRange keyRange() {
            return new KeyRange(after, upTo);
        }

        /** The ranges of {@code remaining}, to store. */
        public static List<Range> of(KeyRanges remaining) {
            return remaining.ranges().stream().map(r -> new Range(r.after(), r.upTo())).toList();
        }
    }

    /**
     * A sync that listed the whole scope.
     *
     * @param startedAt  when it started
     * @param finishedAt when its last page was committed
     * @param resumes    how many times it was resumed
     * @param counters   what it did
     */
    public record CompletedRun(Instant startedAt, Instant finishedAt, int resumes, SyncCounters counters) {
    }
}
