package io.s3conn.app.inventory;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.ConnectionOptions;
import io.s3conn.app.cli.DatabaseOption;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.JsonOption;
import io.s3conn.app.cli.VerboseOption;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.json.Json;
import io.s3conn.core.text.TerminalColumns;
import io.s3conn.core.text.TerminalText;
import io.s3conn.inventory.objects.InventoryRow;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventoryTable;
import io.s3conn.inventory.versions.VersionEntry;
import io.s3conn.inventory.versions.VersionInventoryTable;
import io.s3conn.inventory.versions.VersionRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code s3conn inventory show}: print a scope's rows of {@code s3_objects}, or of {@code s3_object_versions}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the rows of s3_objects for a bucket (and prefix), in key order. Nothing is sent to S3,"
                + " and the database is only read (a read-only file or role works): never created, migrated or written.")
public class InventoryShowCommand implements Callable<Integer> {

    /**
     * The help of {@code --versions} here, under its own key in {@link io.s3conn.app.config.SettingsHelp}: picocli
     * looks a key up before the option's name, under which the catalogue has the sync's {@code versions} setting.
     */
    public static final String VERSIONS_HELP_KEY = "show.versions";

    /** That help line. */
    public static final String VERSIONS_HELP = "Print the rows of s3_object_versions instead (inventory sync --versions): "
            + "every version and delete marker, each key's latest entry first.";

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DatabaseOption databaseFlag;

    @Option(names = "--deleted", description = "Also show rows of objects that are gone.")
    boolean deleted;

    @Option(names = "--versions", descriptionKey = VERSIONS_HELP_KEY, description = VERSIONS_HELP)
    boolean versions;

    @Mixin
    JsonOption json;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        return CommandSupport.run(verbose, () -> {
            ResolvedSettings settings = connection.resolve(true);
            InventoryScope scope = new InventoryScope(settings.bucket(), settings.prefix());
            PrintStream out = System.out;
            try (Database database = DatabaseAccess.openExisting(settings.databaseUrl())) {
                UnsyncedScope.noteIfUnsynced(database, scope, versions);
                if (versions) {
                    if (!json.on()) {
                        out.printf("%-48s %-32s %-6s %-6s %12s %-20s %-24s %-10s %-20s%s%n", "key", "version_id", "latest",
                                "marker", "size", "storage_class", "last_modified", "restore", "restore_expiry",
                                deleted ? " deleted_at" : "");
                    }
                    new VersionInventoryTable(database).forEach(scope, deleted,
                            row -> out.println(json.on() ? Json.write(jsonRow(row)) : tableRow(row)));
                } else {
                    if (!json.on()) {
                        // Timestamps take 24 columns: Ceph RGW and MinIO report milliseconds (2026-11-30T22:24:11.868Z).
                        out.printf("%-48s %12s %-20s %-24s %-10s %-24s%s%n", "key", "size", "storage_class", "last_modified",
                                "restore", "restore_expiry", deleted ? " deleted_at" : "");
                    }
                    new InventoryTable(database).forEach(scope, deleted,
                            row -> out.println(json.on() ? Json.write(jsonRow(row)) : tableRow(row)));
                }
            }
            out.flush();
            return ExitCode.OK;
        });
    }

    private String tableRow(InventoryRow row) {
        return String.format("%s %12d %-20s %-24s %-10s %-24s%s", keyColumn(row.object().key()), row.object().size(),
                row.object().storageClass(), row.object().lastModified(), row.restore().label(),
                row.restore().expiry().map(Instant::toString).orElse(""),
                deleted ? " " + row.deletedAt().map(Instant::toString).orElse("") : "");
    }

    private String tableRow(VersionRow row) {
        VersionEntry version = row.version();
        return String.format("%s %-32s %-6s %-6s %12s %-20s %-24s %-10s %-20s%s", keyColumn(version.key()),
                version.versionId(), version.latest(), version.deleteMarker(),
                version.size().map(String::valueOf).orElse(""), version.storageClass().orElse(""), version.lastModified(),
                version.restore().label(), version.restore().expiry().map(Instant::toString).orElse(""),
                deleted ? " " + row.deletedAt().map(Instant::toString).orElse("") : "");
    }

    /** 48 terminal columns, not 48 chars: a key with wide characters, emoji or combining marks lines up too. */
    private static String keyColumn(String key) {
        return TerminalColumns.padded(TerminalText.escaped(key), 48);
    }

    private static Map<String, Object> jsonRow(InventoryRow row) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", row.object().key());
        map.put("size", row.object().size());
        map.put("e_tag", row.object().eTag());
        map.put("storage_class", row.object().storageClass());
        map.put("last_modified", row.object().lastModified().toString());
        map.put("restore_status", row.restore().label());
        map.put("restore_expiry", row.restore().expiry().map(Instant::toString).orElse(null));
        map.put("restore_requested_at", row.restoreRequest().map(request -> request.requestedAt().toString()).orElse(null));
        map.put("restore_tier", row.restoreRequest().map(InventoryRow.RestoreRequest::tier).orElse(null));
        map.put("first_seen_at", row.firstSeenAt().toString());
        map.put("synced_at", row.syncedAt().toString());
        map.put("deleted_at", row.deletedAt().map(Instant::toString).orElse(null));
        return map;
    }

    private static Map<String, Object> jsonRow(VersionRow row) {
        VersionEntry version = row.version();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", version.key());
        map.put("version_id", version.versionId());
        map.put("is_latest", version.latest());
        map.put("is_delete_marker", version.deleteMarker());
        map.put("size", version.size().orElse(null));
        map.put("e_tag", version.eTag().orElse(null));
        map.put("storage_class", version.storageClass().orElse(null));
        map.put("last_modified", version.lastModified().toString());
        map.put("restore_status", version.restore().label());
        map.put("restore_expiry", version.restore().expiry().map(Instant::toString).orElse(null));
        map.put("first_seen_at", row.firstSeenAt().toString());
        map.put("synced_at", row.syncedAt().toString());
        map.put("deleted_at", row.deletedAt().map(Instant::toString).orElse(null));
        return map;
    }
}
