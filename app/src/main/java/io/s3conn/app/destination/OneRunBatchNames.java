package io.s3conn.app.destination;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.s3conn.core.record.Record;
import io.s3conn.destination.s3.BatchIdentity;

/**
 * The batch names of one {@code destination write}: each batch is named after its first record's position
 * ({@link BatchIdentity#FIRST_POSITION}), unless a batch of the same run already has that name. Stdin is read once, so
 * within a run a repeated name is never a replay: it is input whose records share a position (a producer writing the
 * same position on every record). Named alike, each such batch replaced the one before it, and only the last was left
 * while every batch was acknowledged on stdout. A repeat is therefore named after the position and its count among the
 * batches that began at it: unique within the run, and the same on a run over the same input cut into the same
 * batches, so that such a rerun still replaces instead of adding.
 * <p>
 * Keeps the names of the run's batches (about a hundred bytes a batch, with a short position) for as long as it runs.
 */
final class OneRunBatchNames implements BatchIdentity {

    private final Set<ByteBuffer> used = new HashSet<>();
    /** For each position that began more than one batch, the count its last batch was named with. */
    private final Map<ByteBuffer, Integer> repeats = new HashMap<>();
    private final Runnable onFirstRepeat;
    private boolean repeated;

    /** @param onFirstRepeat called once, when a batch first starts at a position an earlier batch started at */
    OneRunBatchNames(Runnable onFirstRepeat) {
        this.onFirstRepeat = Objects.requireNonNull(onFirstRepeat, "onFirstRepeat");
    }

    @Override
    public byte[] of(Record first) {
        byte[] base = FIRST_POSITION.of(first);
        if (used.add(ByteBuffer.wrap(base))) {
            return base;
        }
        if (!repeated) {
            repeated = true;
            onFirstRepeat.run();
        }
        int count = repeats.getOrDefault(ByteBuffer.wrap(base), 1);
        byte[] name;
        // Checked against every name used so far, the counted ones too: a position may itself read like a counted name.
        do {
            count++;
            name = counted(base, count);
        } while (!used.add(ByteBuffer.wrap(name)));
        repeats.put(ByteBuffer.wrap(base), count);
        return name;
    }

    /** The name of the {@code count}th batch starting at a position: the position's bytes, a NUL and the count. */
    private static byte[] counted(byte[] base, int count) {
        byte[] suffix = ("\0" + count).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(base.length + suffix.length).put(base).put(suffix).array();
    }
}
