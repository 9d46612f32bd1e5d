package io.s3conn.app.serve;

import java.util.Optional;

import io.s3conn.app.config.ChangeFeedSettings;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.pipeline.PipelineSettings;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.InventorySyncOptions;

/**
 * Everything a run of a {@code serve} job reads, resolved from its settings by {@link JobDefinition#resolve()}:
 * serve resolves every job at start-up with the same code its runs use, so a job that could never run stops serve
 * at once, and what is checked cannot drift from what is run.
 */
public sealed interface RunnableJob {

    /**
     * What a run holds a lease on in its database (a sync's scope, a pipeline's state): two jobs of one serve with
     * the same lease could never both run, and would take turns failing on it.
     */
    Lease lease();

    /**
     * A lease a job's runs hold.
     *
     * @param databaseUrl the database the lease is kept in
     * @param held        what holding it means, for messages ({@code sync s3://b/p}, {@code keep state job:x})
     */
    record Lease(String databaseUrl, String held) {
    }

    /**
     * An inventory job: a sync of {@code s3_objects} (and {@code s3_object_versions} with {@code versions}) at
     * each tick, or with notifications a watch that keeps {@code s3_objects} live.
     *
     * @param settings      bucket, prefix, connection and database
     * @param options       the sync's options
     * @param versions      whether {@code s3_object_versions} is synced too
     * @param notifications the queue to watch, when the job has one
     */
    record InventoryJob(ResolvedSettings settings, InventorySyncOptions options, boolean versions,
                        Optional<ChangeFeedSettings> notifications) implements RunnableJob {

        /** The sync's scope, whose lease its syncs (and a watch's reconciling syncs) hold. */
        public InventoryScope scope() {
            return new InventoryScope(settings.bucket(), settings.prefix());
        }

        @Override
        public Lease lease() {
            return new Lease(settings.databaseUrl(), "sync " + scope());
        }
    }

    /**
     * A pipeline job, run until serve stops.
     *
     * @param settings the pipeline's source, destination and state
     */
    record PipelineJob(PipelineSettings settings) implements RunnableJob {

        @Override
        public Lease lease() {
            return new Lease(settings.connection().databaseUrl(), "keep state " + settings.stateName());
        }
    }
}
