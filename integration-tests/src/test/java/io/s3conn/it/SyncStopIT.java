package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.inventory.InventoryCheckpoint;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.versions.VersionInventorySync;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * README's "Using the libraries": {@code stop()} of {@code InventorySync} and {@code VersionInventorySync}, called
 * from another thread, makes {@code run} throw {@link CancellationException}, with the scope's lease released and the
 * checkpoint of the committed pages kept for the next run, which resumes from it.
 */
class SyncStopIT {

    private static final InventorySyncOptions OPTIONS = InventorySyncOptions.defaults().withPageSize(5).withListConcurrency(1);

    private final TestBed bed = Fixtures.testBed();
    private final S3ConnectionSettings connection = Fixtures.connection();
    private final String databaseUrl = Fixtures.newSqliteUrl();

    /** A sync's run and stop, and its stored checkpoint, as a library user sees them. */
    private interface Sync {
        SyncSummary run(InventoryScope scope, SyncListener listener);

        void stop();
    }

    @Test
    void anInventorySyncStoppedFromAnotherThreadThrowsCancellationException() {
        InventoryScope scope = bucketOfFiftyKeys("stop-objects", false);

        assertThatThrownBy(() -> withSync(this::objects, sync -> runStoppedAfterFirstPage(sync, scope)))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void aStoppedInventorySyncReleasesItsLeaseAndKeepsItsCheckpoint() {
        InventoryScope scope = bucketOfFiftyKeys("stop-objects-lease", false);

        stopAfterFirstPage(this::objects, scope);

        assertThat(leases()).isEmpty();
        assertThat(objectsCheckpoint(scope)).isNotEmpty();
        assertThat(withSync(this::objects, sync -> sync.run(scope, SyncListener.NONE)).resumes()).isEqualTo(1);
    }

    @Test
    void aVersionInventorySyncStoppedFromAnotherThreadThrowsCancellationException() {
        InventoryScope scope = bucketOfFiftyKeys("stop-versions", true);

        assertThatThrownBy(() -> withSync(this::versions, sync -> runStoppedAfterFirstPage(sync, scope)))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void aStoppedVersionInventorySyncReleasesItsLeaseAndKeepsItsCheckpoint() {
        InventoryScope scope = bucketOfFiftyKeys("stop-versions-lease", true);

        stopAfterFirstPage(this::versions, scope);

        assertThat(leases()).isEmpty();
        assertThat(versionsCheckpoint(scope)).isNotEmpty();
        assertThat(withSync(this::versions, sync -> sync.run(scope, SyncListener.NONE)).resumes()).isEqualTo(1);
    }

    private InventoryScope bucketOfFiftyKeys(String purpose, boolean versioned) {
        String bucket = versioned ? Fixtures.newVersionedBucket(bed, purpose) : Fixtures.newBucket(purpose);
        bed.putMany(bucket, Fixtures.keys("k/", 50), 8);
        return new InventoryScope(bucket, "");
    }

    private void stopAfterFirstPage(Function<Handles, Sync> kind, InventoryScope scope) {
        try {
            withSync(kind, sync -> runStoppedAfterFirstPage(sync, scope));
        } catch (CancellationException expected) {
            return;
        }
        throw new AssertionError("the sync was not stopped");
    }

    /** Runs the sync; once its first page is committed, another thread calls {@code stop()} (as a signal handler would). */
    private static SyncSummary runStoppedAfterFirstPage(Sync sync, InventoryScope scope) {
        return sync.run(scope, (s, counters) -> {
            Thread stopper = Thread.ofPlatform().start(sync::stop);
            try {
                stopper.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private record Handles(S3Client s3, Database database) {
    }

    private <T> T withSync(Function<Handles, Sync> kind, Function<Sync, T> work) {
        try (S3Client s3 = S3Clients.create(connection); Database database = Database.open(databaseUrl)) {
            return work.apply(kind.apply(new Handles(s3, database)));
        }
    }

    private Sync objects(Handles handles) {
        InventorySync sync = new InventorySync(handles.s3(), ServerTraits.of(false), handles.database(), OPTIONS);
        return new Sync() {
            public SyncSummary run(InventoryScope scope, SyncListener listener) {
                return sync.run(scope, listener);
            }

            public void stop() {
                sync.stop();
            }
        };
    }

    private Sync versions(Handles handles) {
        VersionInventorySync sync = new VersionInventorySync(handles.s3(), ServerTraits.of(false), handles.database(), OPTIONS);
        return new Sync() {
            public SyncSummary run(InventoryScope scope, SyncListener listener) {
                return sync.run(scope, listener);
            }

            public void stop() {
                sync.stop();
            }
        };
    }

    private java.util.Optional<InventoryCheckpoint> objectsCheckpoint(InventoryScope scope) {
        try (S3Client s3 = S3Clients.create(connection); Database database = Database.open(databaseUrl)) {
            return new InventorySync(s3, ServerTraits.of(false), database, OPTIONS).checkpoint(scope);
        }
    }

    private java.util.Optional<InventoryCheckpoint> versionsCheckpoint(InventoryScope scope) {
        try (S3Client s3 = S3Clients.create(connection); Database database = Database.open(databaseUrl)) {
            return new VersionInventorySync(s3, ServerTraits.of(false), database, OPTIONS).checkpoint(scope);
        }
    }

    /** The names of the leases held in the database: runs in progress, or left by a killed one. */
    private List<String> leases() {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(databaseUrl); Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM s3conn_leases")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }
}
