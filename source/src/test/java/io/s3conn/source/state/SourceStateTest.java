package io.s3conn.source.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Position;
import io.s3conn.core.s3.S3Endpoint;
import io.s3conn.core.state.JdbcCheckpointStore;
import io.s3conn.source.change.Change;
import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.position.SnapshotPosition;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.walk.ObjectVersion;

/** On real SQLite: what a source persists, and when. */
class SourceStateTest {

    private static final Instant WATERMARK = Instant.parse("2026-01-01T00:00:00Z");
    private static final SourceScope SCOPE = new SourceScope("bucket", "logs/");
    private static final S3Endpoint ENDPOINT = new S3Endpoint("http://127.0.0.1:9000");

    @TempDir
    Path dir;

    private Database database;
    private SourceState state;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("source.db"));
        state = new SourceState(database, "test", true, SCOPE, ENDPOINT);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aReturnedRecordIsNotPersistedBeforeItIsCommitted() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));

        SourceState restarted = restarted();
        assertThat(restarted.isEmpty()).isTrue();
        assertThat(restarted.savedPosition()).isEmpty();
    }

    @Test
    void aCommitPersistsTheRecordsChangeAndSavesItsPosition() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));

        state.commit(position(snapshotAt("a")));

        SourceState restarted = restarted();
        assertThat(restarted.between(KeyRange.ALL)).containsOnlyKeys("a");
        assertThat(restarted.savedPosition()).contains(snapshotAt("a"));
        assertThat(state.uncommitted()).isZero();
    }

    @Test
    void theCommittedKeysAtEveryNthPositionAndTheLastAreHandedOverWithTheirPositions() {
        for (String key : List.of("a", "b", "c", "d", "e", "f", "g")) {
            state.emitted(snapshotAt(key), Change.snapshot(object(key)));
        }
        state.emitted(snapshotAt("h"), Change.snapshot(object("h"))); // not committed
        state.commit(position(snapshotAt("g")));
        List<String> handed = new java.util.ArrayList<>();

        restarted().committedKeysEvery(new KeyRange(Optional.of("a"), Optional.empty()), 3, (key, n) -> handed.add(n + ":" + key));

        assertThat(handed).containsExactly("3:d", "6:g");
    }

    @Test
    void theLastCommittedKeyIsHandedOverThoughItsPositionIsNoMultiple() {
        for (String key : List.of("a", "b", "c", "d")) {
            state.emitted(snapshotAt(key), Change.snapshot(object(key)));
        }
        state.commit(position(snapshotAt("d")));
        List<String> handed = new java.util.ArrayList<>();

        restarted().committedKeysEvery(KeyRange.ALL, 3, (key, n) -> handed.add(n + ":" + key));

        assertThat(handed).containsExactly("3:c", "4:d");
    }

    @Test
    void aCommitOfALaterPositionAcknowledgesEveryRecordBeforeIt() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.emitted(snapshotAt("b"), Change.snapshot(object("b")));
        state.emitted(snapshotAt("c"), Change.snapshot(object("c")));

        List<Change> persisted = state.commit(position(snapshotAt("b")));

        assertThat(persisted).extracting(c -> c.object().key()).containsExactly("a", "b");
        assertThat(restarted().between(KeyRange.ALL)).containsOnlyKeys("a", "b");
        assertThat(restarted().savedPosition()).contains(snapshotAt("b"));
        assertThat(state.uncommitted()).isEqualTo(1);
    }

    @Test
    void aCommitOfAnEarlierPositionAfterALaterOneChangesNothing() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.emitted(snapshotAt("b"), Change.snapshot(object("b")));
        state.commit(position(snapshotAt("b")));

        List<Change> persisted = state.commit(position(snapshotAt("a")));

        assertThat(persisted).isEmpty();
        assertThat(restarted().savedPosition()).contains(snapshotAt("b"));
    }

    @Test
    void aPositionThatWasNeverReturnedCommitsNothing() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));

        assertThat(state.commit(Position.of("s3conn:v1:snapshot:0:eg"))).isEmpty();
        assertThat(restarted().isEmpty()).isTrue();
        assertThat(state.uncommitted()).isEqualTo(1);
    }

    @Test
    void aCheckpointRightBehindTheCommittedRecordIsSavedInsteadOfTheRecordsPosition() {
        CdcPosition snapshotDone = new CdcPosition(WATERMARK, Optional.empty());
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.checkpoint(snapshotDone);

        state.commit(position(snapshotAt("a")));

        assertThat(restarted().savedPosition()).contains(snapshotDone);
    }

    @Test
    void aCheckpointWaitsForTheRecordsBeforeIt() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.checkpoint(new CdcPosition(WATERMARK, Optional.empty()));

        state.settle();

        assertThat(restarted().savedPosition()).isEmpty();
    }

    @Test
    void aCheckpointWithNothingUncommittedBeforeItIsSavedBySettling() {
        CdcPosition pollDone = new CdcPosition(WATERMARK, Optional.empty());
        state.checkpoint(pollDone);

        state.settle();

        assertThat(restarted().savedPosition()).contains(pollDone);
    }

    @Test
    void aSilentChangeIsPersistedWithTheCommitOfTheRecordBeforeIt() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.recordSilently(silentCreate(object("b")));
        state.settle();
        assertThat(restarted().between(KeyRange.ALL)).isEmpty();

        List<Change> persisted = state.commit(position(snapshotAt("a")));

        assertThat(persisted).extracting(c -> c.object().key()).containsExactly("a", "b");
        assertThat(restarted().between(KeyRange.ALL)).containsOnlyKeys("a", "b");
    }

    @Test
    void aCommittedDeleteRemovesTheKeysRow() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.commit(position(snapshotAt("a")));
        CdcPosition deleteAt = new CdcPosition(WATERMARK, Optional.of("a"));
        state.emitted(deleteAt, Change.deleted(object("a"), Optional.empty()));

        state.commit(position(deleteAt));

        assertThat(restarted().between(KeyRange.ALL)).isEmpty();
        assertThat(restarted().isEmpty()).isTrue();
    }

    @Test
    void changeDetectionSeesRecordsReturnedButNotYetCommitted() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.commit(position(snapshotAt("a")));
        state.emitted(new CdcPosition(WATERMARK, Optional.of("a")), Change.deleted(object("a"), Optional.empty()));
        state.emitted(new CdcPosition(WATERMARK, Optional.of("b")), Change.snapshot(object("b")));

        assertThat(state.between(KeyRange.ALL)).containsOnlyKeys("b");
        assertThat(state.isEmpty()).isFalse();
        assertThat(restarted().between(KeyRange.ALL)).containsOnlyKeys("a");
    }

    @Test
    void betweenReturnsTheKeysOfExactlyTheRangeInS3KeyOrder() {
        for (String key : List.of("a", "b", "c", "\uFFFF", "😀")) {
            state.emitted(snapshotAt(key), Change.snapshot(object(key)));
        }
        state.commit(position(snapshotAt("c")));

        KeyRange afterA = new KeyRange(Optional.of("a"), Optional.empty());

        // "😀" is a surrogate pair in Java, sorting before U+FFFF as a String but after it as UTF-8 bytes.
        assertThat(state.between(afterA).keySet()).containsExactly("b", "c", "\uFFFF", "😀");
        assertThat(state.between(new KeyRange(Optional.of("a"), Optional.of("c"))).keySet()).containsExactly("b", "c");
    }

    @Test
    void withoutSavingPositionsACommitKeepsTheRowsButNoPosition() {
        SourceState unsaved = new SourceState(database, "unsaved", false, SCOPE, ENDPOINT);
        unsaved.emitted(snapshotAt("a"), Change.snapshot(object("a")));

        unsaved.commit(position(snapshotAt("a")));

        SourceState restarted = new SourceState(database, "unsaved", false, SCOPE, ENDPOINT);
        assertThat(restarted.between(KeyRange.ALL)).containsOnlyKeys("a");
        assertThat(restarted.savedPosition()).isEmpty();
    }

    @Test
    void theStatesOfTwoNamesAreApart() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.commit(position(snapshotAt("a")));

        assertThat(new SourceState(database, "other", true, SCOPE, ENDPOINT).isEmpty()).isTrue();
    }

    @Test
    void aPendingRestoreBehindAnUncommittedRecordIsPersistedWithItsCommit() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.awaitRestore(new PendingRestore(Change.snapshot(object("b")), WATERMARK));
        state.settle();
        assertThat(restarted().pendingRestores()).as("not before the record ahead of it").isEmpty();

        state.commit(position(snapshotAt("a")));

        assertThat(restarted().pendingRestores()).singleElement().satisfies(pending -> {
            assertThat(pending.change().object()).isEqualTo(object("b"));
            assertThat(pending.change().operation()).isEqualTo(io.s3conn.core.record.Operation.SNAPSHOT);
            assertThat(pending.change().before()).isEmpty();
            assertThat(pending.since()).isEqualTo(WATERMARK);
        });
        assertThat(restarted().between(KeyRange.ALL)).as("a pending object was not emitted").containsOnlyKeys("a");
    }

    @Test
    void aPendingUpdateIsReadBackWithWhatWasEmittedForItsKey() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.commit(position(snapshotAt("a")));
        ObjectVersion newer = new ObjectVersion("a", Optional.empty(), "etag-newer", 2, "GLACIER", WATERMARK.plusSeconds(5), false);

        state.awaitRestore(new PendingRestore(new Change(io.s3conn.core.record.Operation.UPDATE, newer,
                Optional.of(object("a")), Optional.empty(), false), WATERMARK.plusSeconds(9)));
        state.settle();

        assertThat(restarted().pendingRestores()).singleElement().satisfies(pending -> {
            assertThat(pending.change().object()).isEqualTo(newer);
            assertThat(pending.change().before()).contains(object("a"));
            assertThat(pending.since()).isEqualTo(WATERMARK.plusSeconds(9));
        });
    }

    @Test
    void aRecordOfAKeyEndsTheWaitForItsRestore() {
        state.awaitRestore(new PendingRestore(Change.snapshot(object("a")), WATERMARK));
        state.settle();

        state.emitted(cdcAt("a"), Change.snapshot(object("a")));
        state.commit(position(cdcAt("a")));

        assertThat(restarted().pendingRestores()).isEmpty();
        assertThat(restarted().between(KeyRange.ALL)).containsOnlyKeys("a");
    }

    @Test
    void aStateWhoseOnlyObjectWaitsForARestoreIsNotEmpty() {
        state.awaitRestore(new PendingRestore(Change.snapshot(object("a")), WATERMARK));
        assertThat(state.isEmpty()).as("queued").isFalse();

        state.settle();

        assertThat(restarted().isEmpty()).as("persisted").isFalse();
    }

    @Test
    void aForgottenRestoreIsNoLongerPending() {
        state.awaitRestore(new PendingRestore(Change.snapshot(object("a")), WATERMARK));
        state.settle();

        state.forgetRestore("a");
        state.settle();

        assertThat(restarted().pendingRestores()).isEmpty();
    }

    @Test
    void aStateSavedForOneBucketIsRefusedToASourceOfAnotherBucket() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.commit(position(snapshotAt("a")));

        SourceState otherBucket = new SourceState(database, "test", true, new SourceScope("other", "logs/"), ENDPOINT);

        assertThatThrownBy(otherBucket::verifyScope).isInstanceOf(StateScopeException.class)
                .hasMessage("state test was saved for s3://bucket/logs/, not s3://other/logs/: "
                        + "give this source a state name of its own");
    }

    @Test
    void aStateSavedForOnePrefixIsRefusedToASourceOfAnotherPrefix() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.commit(position(snapshotAt("a")));

        SourceState otherPrefix = new SourceState(database, "test", true, new SourceScope("bucket", ""), ENDPOINT);

        assertThatThrownBy(otherPrefix::verifyScope).isInstanceOf(StateScopeException.class);
    }

    /** Before, the endpoint was not recorded: a bucket of the same name on another server met this state's rows unsaid. */
    @Test
    void aStateSavedFromOneEndpointNamesBothToASourceOfTheSameScopeOnAnother() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.commit(position(snapshotAt("a")));

        SourceState otherServer = new SourceState(database, "test", true, SCOPE, new S3Endpoint("http://127.0.0.1:9001"));

        assertThat(otherServer.verifyScope().orElseThrow().warning("read on"))
                .isEqualTo("state test of s3://bucket/logs/ was recorded from endpoint http://127.0.0.1:9000 and is now "
                        + "read from http://127.0.0.1:9001: read on (a bucket of the same name on another server is another "
                        + "bucket: give each server a database of its own)");
    }

    @Test
    void aStateSavedBeforeEndpointsWereRecordedTakesTheEndpointOfItsNextCommit() {
        new JdbcCheckpointStore(database).save("source:test",
                "{\"position\":\"" + snapshotAt("a").printable() + "\",\"bucket\":\"bucket\",\"prefix\":\"logs/\"}");
        state.verifyScope();
        state.emitted(snapshotAt("b"), Change.snapshot(object("b")));
        state.commit(position(snapshotAt("b")));

        SourceState otherServer = new SourceState(database, "test", true, SCOPE, new S3Endpoint("http://127.0.0.1:9001"));

        assertThat(otherServer.verifyScope()).isPresent();
    }

    @Test
    void aStateIsAcceptedByASourceOfItsOwnScope() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.commit(position(snapshotAt("a")));

        assertThat(restarted().verifyScope()).isEmpty();

        assertThat(restarted().savedPosition()).contains(snapshotAt("a"));
    }

    /**
     * A source's start asks the state for its scope, position, count of saves and completeness: before, each question
     * read the checkpoint again, four reads of one row. The row rewritten behind the holder's back (as only a writer
     * ignoring the lease could) shows which reads went to the database.
     */
    @Test
    void whileTheLeaseIsHeldTheCheckpointIsReadOnceForScopePositionSavesAndCompleteness() {
        state.checkpointCompleted(snapshotAt("a"));
        state.settle();
        SourceState starting = restarted();
        starting.hold();
        starting.verifyScope();

        new JdbcCheckpointStore(database).save("source:test", "{\"position\":\"" + snapshotAt("z").printable()
                + "\",\"bucket\":\"other\",\"prefix\":\"logs/\",\"saves\":\"7\"}");

        assertThat(starting.verifyScope()).isEmpty();
        assertThat(starting.savedPosition()).contains(snapshotAt("a"));
        assertThat(starting.savedCount()).isEqualTo(1);
        assertThat(starting.historyKnown()).isTrue();
        starting.release();
    }

    @Test
    void theSavedPositionOfANamedStateIsReadWithoutASourceOnIt() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.commit(position(snapshotAt("a")));

        assertThat(SourceState.savedPosition(database, "test")).contains(snapshotAt("a"));
        assertThat(SourceState.savedPosition(database, "other")).isEmpty();
    }

    @Test
    void clearingAStateDeletesItsRowsPendingRestoresAndPositionAndNoOtherStates() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.awaitRestore(new PendingRestore(silentCreate(object("b")), WATERMARK));
        state.commit(position(snapshotAt("a")));
        SourceState other = new SourceState(database, "other", true, SCOPE, ENDPOINT);
        other.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        other.commit(position(snapshotAt("a")));

        SourceState.clear(database, "test");

        SourceState restarted = restarted();
        assertThat(restarted.isEmpty()).isTrue();
        assertThat(restarted.savedPosition()).isEmpty();
        assertThat(new SourceState(database, "other", true, SCOPE, ENDPOINT).savedPosition()).contains(snapshotAt("a"));
    }

    /** Kafka Connect committed the offset of record b, and the worker died before the task persisted its state. */
    @Test
    void recordsWrittenAheadUpToTheHostsPositionArePersistedWhenItSettlesThemAndTheRestDropped() {
        for (String key : List.of("a", "b", "c")) {
            state.emitted(snapshotAt(key), Change.snapshot(object(key)));
        }
        state.writeAhead();

        long settled = SourceState.settleAhead(database, "test", SCOPE, ENDPOINT, Optional.of(snapshotAt("b")));

        assertThat(settled).isEqualTo(2);
        SourceState restarted = restarted();
        assertThat(restarted.between(KeyRange.ALL)).containsOnlyKeys("a", "b");
        assertThat(restarted.savedPosition()).contains(snapshotAt("b"));
        assertThat(SourceState.settleAhead(database, "test", SCOPE, ENDPOINT, Optional.of(snapshotAt("c"))))
                .as("c dropped, not kept for a later settling").isZero();
    }

    @Test
    void whatWasWrittenAheadIsDroppedWhenNoRecordOfItHasTheHostsPosition() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.writeAhead();

        long settled = SourceState.settleAhead(database, "test", SCOPE, ENDPOINT, Optional.of(snapshotAt("z")));

        assertThat(settled).isZero();
        assertThat(restarted().isEmpty()).isTrue();
        assertThat(SourceState.settleAhead(database, "test", SCOPE, ENDPOINT, Optional.of(snapshotAt("a")))).isZero();
    }

    @Test
    void aCommitRemovesWhatWasWrittenAheadUpToIt() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.writeAhead();
        state.emitted(snapshotAt("b"), Change.snapshot(object("b")));
        state.writeAhead();
        state.commit(position(snapshotAt("a")));

        long settled = SourceState.settleAhead(database, "test", SCOPE, ENDPOINT, Optional.of(snapshotAt("b")));

        assertThat(settled).as("b alone").isEqualTo(1);
        assertThat(restarted().between(KeyRange.ALL)).containsOnlyKeys("a", "b");
    }

    @Test
    void everyKindOfEntryWrittenAheadIsSettledAsACommitOfItsRecordWouldHavePersistedIt() {
        state.emitted(snapshotAt("gone"), Change.snapshot(object("gone")));
        state.awaitRestore(new PendingRestore(silentCreate(object("forgotten")), WATERMARK));
        state.commit(position(snapshotAt("gone")));
        CdcPosition deleteAt = new CdcPosition(WATERMARK, Optional.of("gone"));
        CdcPosition pollDone = new CdcPosition(WATERMARK.plusSeconds(60), Optional.empty());
        state.emitted(deleteAt, Change.deleted(object("gone"), Optional.empty()));
        state.recordSilently(silentCreate(object("silent")));
        state.awaitRestore(new PendingRestore(silentCreate(object("waiting")), WATERMARK));
        state.forgetRestore("forgotten");
        state.checkpointCompleted(pollDone);
        state.writeAhead();

        SourceState.settleAhead(database, "test", SCOPE, ENDPOINT, Optional.of(deleteAt));

        SourceState restarted = restarted();
        assertThat(restarted.between(KeyRange.ALL)).containsOnlyKeys("silent");
        assertThat(restarted.pendingRestores()).extracting(PendingRestore::key).containsExactly("waiting");
        assertThat(restarted.savedPosition()).contains(pollDone);
        assertThat(restarted.historyKnown()).isTrue();
    }

    @Test
    void aStateTakenOverCannotBeWrittenAheadByItsPreviousHolder() {
        state.hold();
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));

        SourceState.takeOver(database, "test");

        assertThatThrownBy(state::writeAhead).hasMessageContaining("lost the lease");
        assertThat(SourceState.settleAhead(database, "test", SCOPE, ENDPOINT, Optional.of(snapshotAt("a")))).isZero();
    }

    /**
     * Kafka Connect tasks on one shared database (PostgreSQL) keep a state each, by name: the first write-ahead of one,
     * which drops what an earlier source on its state left, and its settling leave another's rows as they were.
     */
    @Test
    void whatAStateWroteAheadIsSettledOnlyWithItsOwnNameOnASharedDatabase() {
        SourceState other = new SourceState(database, "other", true, SCOPE, ENDPOINT);
        other.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        other.emitted(snapshotAt("b"), Change.snapshot(object("b")));
        other.writeAhead();
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.writeAhead();

        SourceState.settleAhead(database, "test", SCOPE, ENDPOINT, Optional.of(snapshotAt("a")));

        assertThat(SourceState.settleAhead(database, "other", SCOPE, ENDPOINT, Optional.of(snapshotAt("b")))).isEqualTo(2);
        assertThat(new SourceState(database, "other", true, SCOPE, ENDPOINT).between(KeyRange.ALL)).containsOnlyKeys("a", "b");
        assertThat(restarted().between(KeyRange.ALL)).containsOnlyKeys("a");
    }

    @Test
    void clearingAStateDropsWhatWasWrittenAhead() {
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));
        state.writeAhead();

        SourceState.clear(database, "test");

        assertThat(SourceState.settleAhead(database, "test", SCOPE, ENDPOINT, Optional.of(snapshotAt("a")))).isZero();
    }

    @Test
    void aStateTakenOverCanBeHeldAtOnceWhileItsPreviousHolderCannotPersistAnyMore() {
        state.hold();
        state.emitted(snapshotAt("a"), Change.snapshot(object("a")));

        SourceState.takeOver(database, "test");
        SourceState next = restarted();
        next.hold();

        assertThatThrownBy(() -> state.commit(position(snapshotAt("a")))).hasMessageContaining("lost the lease");
        assertThat(next.isEmpty()).isTrue();
        next.release();
    }

    /**
     * A source fed by S3 event notifications saves the watermark of its last listing each time the queue runs dry: the
     * same position again. A pipeline names its batches after the saved position, so it must tell such saves apart.
     */
    @Test
    void savingTheSamePositionAgainCountsAnotherSaveThatARestartReadsBack() {
        CdcPosition drained = new CdcPosition(WATERMARK, Optional.empty());
        state.hold();
        assertThat(state.savedCount()).isZero();
        state.checkpoint(drained);
        state.settle();
        long first = state.savedCount();
        state.checkpoint(drained);
        state.settle();

        assertThat(state.savedPosition()).contains(drained);
        assertThat(state.savedCount()).isEqualTo(first + 1);
        state.release();
        assertThat(restarted().savedCount()).isEqualTo(first + 1);
    }

    @Test
    void committingARecordAtTheSamePositionAsTheOneBeforeCountsAnotherSave() {
        state.emitted(cdcAt("a"), Change.snapshot(object("a")));
        state.commit(position(cdcAt("a")));
        long first = restarted().savedCount();
        state.emitted(cdcAt("a"), Change.snapshot(object("a")));
        state.commit(position(cdcAt("a")));

        assertThat(restarted().savedPosition()).contains(cdcAt("a"));
        assertThat(restarted().savedCount()).isEqualTo(first + 1);
    }

    /**
     * Events can bring two changes of one key before the next reconciling listing, under one watermark: numbered, their
     * positions differ, so the commit of the first leaves the second waiting, and the commit of the second persists it.
     * Alike, a commit of the batch ending with the second stopped at the first, and the second was emitted again.
     */
    @Test
    void twoRecordsOfOneKeyBroughtByEventsAreCommittedOneByOne() {
        CdcPosition first = new CdcPosition(WATERMARK, Optional.of("a"), Optional.empty(), 1);
        CdcPosition second = new CdcPosition(WATERMARK, Optional.of("a"), Optional.empty(), 2);
        state.emitted(first, Change.snapshot(object("a", "etag-1")));
        state.emitted(second, Change.snapshot(object("a", "etag-2")));

        assertThat(state.commit(position(first))).extracting(c -> c.object().eTag()).containsExactly("etag-1");
        assertThat(state.uncommitted()).isEqualTo(1);
        assertThat(restarted().find("a")).map(ObjectVersion::eTag).contains("etag-1");

        assertThat(state.commit(position(second))).extracting(c -> c.object().eTag()).containsExactly("etag-2");
        assertThat(state.uncommitted()).isZero();
        assertThat(restarted().find("a")).map(ObjectVersion::eTag).contains("etag-2");
        assertThat(restarted().savedPosition()).contains(second);
    }

    /**
     * The key was overwritten between its lookup and its GET: the record holds the newer object, and so must the state,
     * else the next look at the key finds that object unlike the emitted one and emits it a second time.
     */
    @Test
    void anObjectTheReadFoundInsteadIsWhatTheStateKeepsAsEmitted() {
        Change looked = Change.snapshot(object("a", "etag-looked-up"));
        state.emitted(cdcAt("a"), looked, Optional.of(object("a", "etag-read")));

        assertThat(state.find("a")).map(ObjectVersion::eTag).contains("etag-read");
        assertThat(state.commit(position(cdcAt("a")))).singleElement().isSameAs(looked);
        assertThat(restarted().find("a")).map(ObjectVersion::eTag).contains("etag-read");
    }

    @Test
    void aStateSavedBeforeSavesWereCountedCountsNone() {
        new JdbcCheckpointStore(database).save("source:test",
                "{\"position\":\"" + cdcAt("a").printable() + "\",\"bucket\":\"bucket\",\"prefix\":\"logs/\"}");

        assertThat(restarted().savedPosition()).contains(cdcAt("a"));
        assertThat(restarted().savedCount()).isZero();
    }

    private static CdcPosition cdcAt(String key) {
        return new CdcPosition(WATERMARK, Optional.of(key));
    }

    /** The words a {@code --config} file's error gets, not Jackson's; before, the line gave no reason at all. */
    @Test
    void aCheckpointOfMalformedJsonIsDamagedInPlainWordsWithItsLineAndColumn() {
        new JdbcCheckpointStore(database).save("source:test", "{\"position\" 1}");

        assertThatThrownBy(() -> restarted().savedPosition())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("checkpoint source:test is damaged and cannot be read: expected ':' after a key (line 1, column 13)");
    }

    private SourceState restarted() {
        return new SourceState(database, "test", true, SCOPE, ENDPOINT);
    }

    private static SnapshotPosition snapshotAt(String key) {
        return new SnapshotPosition(WATERMARK, Optional.of(key));
    }

    private static Position position(SourcePosition position) {
        return Position.of(position.printable());
    }

    private static Change silentCreate(ObjectVersion object) {
        return new Change(io.s3conn.core.record.Operation.CREATE, object, Optional.empty(), Optional.empty(), true);
    }

    private static ObjectVersion object(String key) {
        return object(key, "etag-" + key);
    }

    private static ObjectVersion object(String key, String etag) {
        return new ObjectVersion(key, Optional.empty(), etag, 1, "STANDARD", WATERMARK, false);
    }
}
