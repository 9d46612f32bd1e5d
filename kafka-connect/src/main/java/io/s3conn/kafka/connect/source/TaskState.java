package io.s3conn.kafka.connect.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import io.s3conn.core.jdbc.Database;
import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.position.SnapshotPosition;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.range.KeyRange;

/**
 * A task's state file: the source's record of what it emitted per key of the task's range (for change
 * detection), in a SQLite file named after the connector and the range.
 *
 * <p>Connect's offset is the truth; the state file only helps when it agrees. The source persists its state
 * once Connect acknowledged a record ({@code commitRecord}: with exactly-once delivery, after the transaction
 * committed), so a file can be behind the offset (the worker died between the two, or the file is an old one
 * left on this worker) or at or ahead of it (a checkpoint persisted after the last record, or, without
 * exactly-once, records acknowledged whose offsets were not flushed yet: they are in Kafka). A file behind
 * the offset, or from another run, is dropped: the source then starts from the offset alone, as it would
 * from a position given on the command line.
 */
final class TaskState {

    private TaskState() {
    }

    /** The state file of {@code range} of connector {@code connector} under {@code dir}. */
    static Path file(Path dir, String connector, KeyRange range) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(range.toString().getBytes(StandardCharsets.UTF_8));
            return dir.resolve(connector.replaceAll("[^A-Za-z0-9._-]", "_"))
                    .resolve("range-" + HexFormat.of().formatHex(digest, 0, 10) + ".db");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Opens the state database in {@code file}, creating its directory. */
    static Database open(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + file.getParent(), e);
        }
        return Database.open("jdbc:sqlite:" + file);
    }

    /** Deletes a state file and SQLite's companions. */
    static void delete(Path file) {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the stale state file " + file, e);
        }
    }

    /**
     * Whether state saved at {@code saved} may serve a task resuming from Connect's {@code offset}: it is known to
     * be at or after it in the same run (further in the same snapshot, the same position, or a later CDC poll).
     */
    static boolean agrees(Optional<SourcePosition> saved, Optional<SourcePosition> offset) {
        if (saved.isEmpty()) {
            return true; // nothing persisted: the state is empty
        }
        if (offset.isEmpty()) {
            return false; // state of an earlier connector of the same name, or offsets were reset
        }
        return switch (offset.get()) {
            case SnapshotPosition o -> switch (saved.get()) {
                case SnapshotPosition s -> s.watermark().equals(o.watermark()) && compare(s.lastKey(), o.lastKey()) >= 0;
                case CdcPosition s -> !s.watermark().isBefore(o.watermark());
            };
            // Within one CDC poll, deletes follow the page's other changes, so keys do not tell the order:
            // only the same position, or a later poll, is known not to be behind.
            case CdcPosition o -> saved.get().equals(o)
                    || (saved.get() instanceof CdcPosition s && s.watermark().isAfter(o.watermark()));
        };
    }

    private static int compare(Optional<String> a, Optional<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isPresent() ? 1 : b.isPresent() ? -1 : 0;
        }
        return KeyRange.compareKeys(a.get(), b.get());
    }
}
