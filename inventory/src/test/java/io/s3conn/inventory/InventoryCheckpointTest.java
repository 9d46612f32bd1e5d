package io.s3conn.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.s3conn.core.json.Json;
import io.s3conn.core.s3.S3Endpoint;
import io.s3conn.glacier.ArchiveEnforcement;
import io.s3conn.glacier.ListingRestoreStatus;
import io.s3conn.glacier.ServerTraits;

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
    void aSyncFromAnotherEndpointIsNamedInOneWarningLine() {
        InventoryCheckpoint checkpoint = InventoryCheckpoint.empty(SCOPE).from(FIRST);

        assertThat(checkpoint.change(SECOND).orElseThrow().warning("the table is brought to what the bucket holds there"))
                .isEqualTo("the inventory of s3://b/logs/ was recorded from endpoint http://127.0.0.1:9000 and is now read "
                        + "from http://127.0.0.1:9001: the table is brought to what the bucket holds there (a bucket of the "
                        + "same name on another server is another bucket: give each server a database of its own)");
    }

    /** What was learned of one server need not hold for another, and ranges listed from it must be listed again. */
    @Test
    void aSyncFromAnotherEndpointForgetsTheServerAndTheRunInProgressButKeepsTheLastCompletedRun() {
        InventoryCheckpoint learned = new InventoryCheckpoint("b", "logs/",
                Optional.of(new InventoryCheckpoint.Run(Instant.EPOCH, Optional.empty(), 0, SyncCounters.ZERO, List.of())),
                Optional.empty(), ListingRestoreStatus.PROVEN, ArchiveEnforcement.NOT_ENFORCED,
                Optional.of(FIRST.label()));

        InventoryCheckpoint moved = learned.from(SECOND);

        assertThat(moved.running()).isEmpty();
        assertThat(moved.listingRestoreStatus()).isEqualTo(ListingRestoreStatus.UNKNOWN);
        assertThat(moved.archiveEnforcement()).isEqualTo(ArchiveEnforcement.UNKNOWN);
        assertThat(moved.endpoint()).contains(SECOND.label());
        assertThat(learned.from(FIRST).running()).isPresent();
        assertThat(learned.from(FIRST).listingRestoreStatus()).isEqualTo(ListingRestoreStatus.PROVEN);
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
        assertThat(old.change(SECOND)).isEmpty();
        assertThat(old.from(SECOND).endpoint()).contains(SECOND.label());
    }

    /** The stored form did not change when the record took the enums: checkpoints of either version read alike. */
    @Test
    void whatIsKnownOfTheServerIsStoredAsTheLabelsCheckpointsHeldBefore() throws JsonProcessingException {
        InventoryCheckpoint checkpoint = InventoryCheckpoint.empty(SCOPE).withServer(ServerTraits.of(false)
                .withListing(ListingRestoreStatus.REJECTED).withEnforcement(ArchiveEnforcement.NOT_ENFORCED));

        var stored = Json.mapper().readTree(Json.write(checkpoint));

        assertThat(stored.get("listingRestoreStatus").asText()).isEqualTo("rejected");
        assertThat(stored.get("archiveEnforcement").asText()).isEqualTo("not-enforced");
    }

    /** A label no version wrote (a checkpoint edited by hand) is read as nothing known, as before. */
    @Test
    void aStoredLabelThatNamesNothingIsReadAsUnknown() {
        InventoryCheckpoint read = InventoryCheckpoint.read("inventory:b:logs/", "{\"bucket\":\"b\",\"prefix\":\"logs/\","
                + "\"listingRestoreStatus\":\"maybe\",\"archiveEnforcement\":\"sometimes\"}");

        assertThat(read.listingRestoreStatus()).isEqualTo(ListingRestoreStatus.UNKNOWN);
        assertThat(read.archiveEnforcement()).isEqualTo(ArchiveEnforcement.UNKNOWN);
    }

    @Test
    void aStoredCheckpointIsReadBackAsItWasWritten() {
        InventoryCheckpoint checkpoint = InventoryCheckpoint.empty(SCOPE).from(FIRST);

        assertThat(InventoryCheckpoint.read("inventory:b:logs/", Json.write(checkpoint))).isEqualTo(checkpoint);
    }

    /** The words a {@code --config} file's error gets, not Jackson's {@code Unexpected character ('b' (code 98))}. */
    @Test
    void aCheckpointOfMalformedJsonIsDamagedInPlainWordsWithItsLineAndColumn() {
        assertThatThrownBy(() -> InventoryCheckpoint.read("inventory:b:logs/", "{\"bucket\" \"b\"}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("checkpoint inventory:b:logs/ is damaged and cannot be read: expected ':' after a key (line 1, column 11)");
    }

    @Test
    void aCheckpointOfWellFormedJsonOfAnotherShapeIsDamagedNamingTheKeyThatIsWrong() {
        assertThatThrownBy(() -> InventoryCheckpoint.read("inventory:b:logs/",
                "{\"bucket\":\"b\",\"prefix\":\"\",\"running\":{\"startedAt\":[1],\"resumes\":0}}"))
                .hasMessage("checkpoint inventory:b:logs/ is damaged and cannot be read: the JSON is not an inventory"
                        + " checkpoint (at running.startedAt)");
    }
}
