package io.s3conn.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.s3conn.core.json.Json;
import io.s3conn.core.s3.S3Endpoint;
import io.s3conn.core.state.EndpointChangedException;

class InventoryCheckpointTest {

    private static final InventoryScope SCOPE = new InventoryScope("b", "logs/");
    private static final S3Endpoint FIRST = new S3Endpoint("http://127.0.0.1:9000");
    private static final S3Endpoint SECOND = new S3Endpoint("http://127.0.0.1:9001");

    @Test
    void aCheckpointRecordsTheEndpointOfItsSyncAndKeepsItThroughJson() throws JsonProcessingException {
        InventoryCheckpoint checkpoint = InventoryCheckpoint.empty(SCOPE).from(FIRST);

        assertThat(Json.read(Json.write(checkpoint), InventoryCheckpoint.class).endpoint()).contains("http://127.0.0.1:9000");
    }

    @Test
    void aCheckpointRecordedFromOneEndpointRefusesASyncFromAnother() {
        InventoryCheckpoint checkpoint = InventoryCheckpoint.empty(SCOPE).from(FIRST);

        assertThatThrownBy(() -> checkpoint.from(SECOND)).isInstanceOf(EndpointChangedException.class)
                .hasMessage("the inventory of s3://b/logs/ in this database was recorded from endpoint http://127.0.0.1:9000, "
                        + "not http://127.0.0.1:9001: a bucket of the same name on another server is another bucket; "
                        + "give each server a database of its own");
    }

    @Test
    void aCheckpointRecordedFromAnEndpointAcceptsASyncFromTheSameEndpoint() {
        assertThat(InventoryCheckpoint.empty(SCOPE).from(FIRST).from(FIRST).endpoint()).contains(FIRST.label());
    }

    /** Checkpoints written before endpoints were recorded: no failure on upgrade, the first sync's endpoint is kept. */
    @Test
    void aCheckpointWrittenWithoutAnEndpointTakesTheFirstOneSeen() throws JsonProcessingException {
        InventoryCheckpoint old = Json.read("{\"bucket\":\"b\",\"prefix\":\"logs/\",\"listingRestoreStatus\":\"unknown\"}",
                InventoryCheckpoint.class);

        assertThat(old.endpoint()).isEmpty();
        assertThat(old.from(SECOND).endpoint()).contains(SECOND.label());
    }
}
