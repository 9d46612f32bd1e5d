package io.s3conn.inventory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.restore.InventoryRestore;
import io.s3conn.inventory.versions.VersionInventorySync;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the inventory's entry points say of a missing argument: its name, when the object is made, not an
 * exception from deep inside a sync once the first listing page arrived. No request is sent.
 */
class LibraryArgumentsTest {

    private final S3Client s3 = S3Clients.create(S3ConnectionSettings.defaults().withEndpoint(URI.create("http://127.0.0.1:9")));
    private final ServerTraits server = ServerTraits.of(false);

    @AfterEach
    void closeClient() {
        s3.close();
    }

    @Test
    void anInventorySyncWithoutADatabaseIsRefusedByName() {
        assertThatThrownBy(() -> new InventorySync(s3, server, (Database) null, InventorySyncOptions.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessage("database");
    }

    @Test
    void anInventorySyncWithoutAClientIsRefusedByName() {
        try (Database database = Database.temporary()) {
            assertThatThrownBy(() -> new InventorySync(null, server, database, InventorySyncOptions.defaults()))
                    .isInstanceOf(NullPointerException.class).hasMessage("s3");
        }
    }

    @Test
    void aVersionInventorySyncWithoutADatabaseIsRefusedByName() {
        assertThatThrownBy(() -> new VersionInventorySync(s3, server, null, InventorySyncOptions.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessage("database");
    }

    @Test
    void anInventoryRestoreWithoutAClientIsRefusedByName() {
        assertThatThrownBy(() -> new InventoryRestore(null, server, InventorySyncOptions.defaults(), Clock.systemUTC()))
                .isInstanceOf(NullPointerException.class).hasMessage("s3");
    }

    @Test
    void aSyncRunWithoutAListenerIsRefusedBeforeAnyRequest() {
        try (Database database = Database.temporary()) {
            InventorySync sync = new InventorySync(s3, server, database, InventorySyncOptions.defaults());
            assertThatThrownBy(() -> sync.run(new InventoryScope("b", ""), null))
                    .isInstanceOf(NullPointerException.class).hasMessage("listener");
        }
    }
}
