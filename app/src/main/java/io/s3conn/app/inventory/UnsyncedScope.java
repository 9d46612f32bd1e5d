package io.s3conn.app.inventory;

import java.util.Map;
import java.util.stream.Collectors;

import io.s3conn.core.text.TerminalText;
import io.s3conn.core.jdbc.Database;
import io.s3conn.inventory.InventoryCheckpoint;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.versions.VersionInventorySync;

/**
 * The note {@code inventory show} and {@code inventory state} print on stderr when the scope asked for is one no sync
 * wrote in this database. Both work on the scope a sync wrote, bucket and prefix; without the note, a sync of
 * {@code --prefix logs/} followed by a {@code show} without it prints an empty table and looks like an empty bucket.
 */
final class UnsyncedScope {

    private UnsyncedScope() {
    }

    /**
     * Prints the note if neither an object sync nor (with {@code versions}, instead) a version sync of {@code scope}
     * has a checkpoint in {@code database}, naming the scopes of the same bucket that do.
     */
    static void noteIfUnsynced(Database database, InventoryScope scope, boolean versions) {
        Map<String, InventoryCheckpoint> checkpoints = versions ? VersionInventorySync.checkpoints(database)
                : InventorySync.checkpoints(database);
        String name = versions ? VersionInventorySync.checkpointName(scope) : scope.checkpointName();
        noteIfUnsynced(checkpoints, name, scope, versions ? "inventory sync --versions" : "inventory sync");
    }

    /** The same, for checkpoints already read; {@code name} is the scope's checkpoint name among them. */
    static void noteIfUnsynced(Map<String, InventoryCheckpoint> checkpoints, String name, InventoryScope scope,
                               String command) {
        if (checkpoints.containsKey(name)) {
            return;
        }
        String synced = checkpoints.values().stream()
                .filter(checkpoint -> checkpoint.bucket().equals(scope.bucket()))
                .map(checkpoint -> new InventoryScope(checkpoint.bucket(), checkpoint.prefix()).toString())
                .distinct().sorted().collect(Collectors.joining(", "));
        System.err.println(TerminalText.escaped("s3conn: no " + command + " of " + scope + " in this database"
                + (synced.isEmpty() ? "" : "; scopes of bucket " + scope.bucket() + " it holds: " + synced
                + " (--prefix picks one)")));
    }
}
