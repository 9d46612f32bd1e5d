package io.s3conn.app.inventory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.ConnectionOptions;
import io.s3conn.app.cli.DatabaseOption;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.VerboseOption;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.FlagSettings;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.json.Json;
import io.s3conn.inventory.InventoryCheckpoint;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.versions.VersionInventorySync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code s3conn inventory state}: print the inventory checkpoints as JSON. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = "Print the inventory checkpoints as JSON: per bucket and prefix, the sync in progress (where it "
                + "resumes) and the last completed one. With --bucket, only that scope. Nothing is sent to S3, and the database is only read"
                + " (a read-only file or role works): never created, migrated or written.")
public class InventoryStateCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DatabaseOption databaseFlag;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return CommandSupport.run(verbose, () -> {
            ResolvedSettings settings = connection.resolve(false);
            if (settings.bucket().isEmpty() && !settings.prefix().isEmpty()) {
                // Without a bucket every scope is printed; a prefix alone would be ignored without a word.
                throw new ConfigurationException("a prefix picks a scope of one bucket: add --bucket, or leave the"
                        + " prefix out to print every scope" + FlagSettings.hint(spec.qualifiedName()));
            }
            Map<String, InventoryCheckpoint> checkpoints = new TreeMap<>();
            try (Database database = DatabaseAccess.openExisting(settings.databaseUrl())) {
                Map<String, InventoryCheckpoint> all = new TreeMap<>(InventorySync.checkpoints(database));
                all.putAll(VersionInventorySync.checkpoints(database));
                if (settings.bucket().isEmpty()) {
                    checkpoints.putAll(all);
                } else {
                    InventoryScope scope = new InventoryScope(settings.bucket(), settings.prefix());
                    all.entrySet().stream()
                            .filter(e -> e.getKey().equals(scope.checkpointName())
                                    || e.getKey().equals(VersionInventorySync.checkpointName(scope)))
                            .forEach(e -> checkpoints.put(e.getKey(), e.getValue()));
                    if (checkpoints.isEmpty()) {
                        UnsyncedScope.noteIfUnsynced(all, scope.checkpointName(), scope, "inventory sync");
                    }
                }
            }
            try {
                System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(checkpoints));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot print checkpoint state", e);
            }
            return ExitCode.OK;
        });
    }
}
