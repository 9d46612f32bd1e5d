package io.s3conn.it.source;

import static io.s3conn.it.source.SourceFixtures.after;
import static io.s3conn.it.source.SourceFixtures.describeAll;
import static io.s3conn.it.source.SourceFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.core.record.Operation;
import io.s3conn.it.Fixtures;
import io.s3conn.core.record.Record;
import io.s3conn.source.S3Source;
import io.s3conn.source.SourceMode;
import io.s3conn.source.content.ContentMode;
import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.position.MalformedPositionException;
import io.s3conn.source.position.SnapshotPosition;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.position.SourcePositions;
import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;

/** Where the S3 source stands: its own positions, Conduit's, saved ones, and what resuming from them emits. */
@Timeout(120)
class SourcePositionIT {

    private final TestBed bed = SourceFixtures.testBed();
    @RegisterExtension
    final SourceHarnesses harnesses = new SourceHarnesses();

    private SourceHarness snapshotOnly(String bucket) {
        return snapshotOnly(bed, bucket);
    }

    private SourceHarness snapshotOnly(S3Server server, String bucket) {
        return harnesses.of(server, bucket).with(SourceFixtures.config(bucket, "snapshot:" + bucket, SourceMode.SNAPSHOT, ContentMode.INLINE));
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void awkwardKeysRoundTripThroughPositionsAndResumeRightAfterThemOnAnUnversionedBucket(S3Server server) throws Exception {
        String bucket = SourceFixtures.newBucket(server, "awkward-positions");
        Fixtures.AWKWARD_KEYS.forEach(k -> server.put(bucket, k, k, null));

        assertEveryPositionResumesRightAfterItsKey(server, bucket);
    }

    /**
     * Resuming a versioned read lists from the position's key: a server that includes the marker key in the
     * answer (RGW, for {@code key-marker} without {@code version-id-marker}) must not make it emit that key again.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void awkwardKeysRoundTripThroughPositionsAndResumeRightAfterThemOnAVersionedBucket(S3Server server) throws Exception {
        String bucket = SourceFixtures.newVersionedBucket(server, "awkward-positions-versioned");
        Fixtures.AWKWARD_KEYS.forEach(k -> server.put(bucket, k, k, null));

        assertEveryPositionResumesRightAfterItsKey(server, bucket);
    }

    private void assertEveryPositionResumesRightAfterItsKey(S3Server server, String bucket) throws Exception {
        SourceHarness source = snapshotOnly(server, bucket);
        List<String> s3Order = Fixtures.AWKWARD_KEYS.stream().sorted(Comparator.comparing(
                (String k) -> k.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned)).toList();

        List<Record> records = source.run();

        assertThat(records).extracting(SourceFixtures::key).containsExactlyElementsOf(s3Order);
        records.forEach(record -> assertThat(after(record)).isEqualTo(key(record)));
        for (int i = 0; i < records.size(); i++) {
            String printable = records.get(i).position().printable();
            assertThat(printable).as("printable on one line").doesNotContain("\n", "\t").startsWith("s3conn:v1:snapshot:");
            SourcePosition parsed = SourcePositions.parse(printable);
            assertThat(parsed).isInstanceOf(SnapshotPosition.class);
            assertThat(((SnapshotPosition) parsed).lastKey()).contains(s3Order.get(i));
            assertThat(parsed.printable()).isEqualTo(printable);

            List<Record> resumed = source.run(Optional.of(parsed));

            assertThat(resumed).as("resumed after %s", s3Order.get(i)).extracting(SourceFixtures::key)
                    .containsExactlyElementsOf(s3Order.subList(i + 1, s3Order.size()));
        }
    }

    @Test
    void cdcRecordPositionsRoundTripWithTheirKey() throws Exception {
        String bucket = SourceFixtures.newBucket("cdc-positions");
        bed.put(bucket, "first", "1", null);

        List<Record> records = harnesses.of(bucket).run(Optional.empty(), Long.MAX_VALUE, record -> {
            if (record.operation() == Operation.SNAPSHOT) {
                bed.put(bucket, "new\nline_c12", "x", null);
            }
        });

        assertThat(describeAll(records)).containsExactly("snapshot first", "create new\nline_c12");
        SourcePosition parsed = SourcePositions.parse(records.get(1).position().printable());
        assertThat(parsed).isInstanceOf(CdcPosition.class);
        assertThat(((CdcPosition) parsed).key()).contains("new\nline_c12");
        assertThat(parsed.printable()).isEqualTo(records.get(1).position().printable());
    }

    @Test
    void theSavedPositionOfAnInterruptedSnapshotIsThePositionOfItsLastRecord() throws Exception {
        String bucket = SourceFixtures.newBucket("saved");
        bed.putMany(bucket, List.of("a", "b", "c"), 3);
        SourceHarness source = harnesses.of(bucket);

        List<Record> records = source.run(Optional.empty(), 2);

        assertThat(source.newSource().savedPosition()).get().extracting(SourcePosition::printable)
                .isEqualTo(records.getLast().position().printable());
    }

    @Test
    void aSourceClosedBeforeItsFirstCommitReadsItsFirstRecordAtTheSamePositionWhenStartedAgain() throws Exception {
        String bucket = SourceFixtures.newBucket("uncommitted");
        bed.putMany(bucket, List.of("a", "b", "c"), 3);
        SourceHarness source = harnesses.of(bucket);
        String first;
        try (S3Source uncommitted = source.newSource()) {
            first = uncommitted.poll(Duration.ofSeconds(10)).getFirst().position().printable();
        }
        Thread.sleep(5); // a later start, so that a watermark taken from the clock again would differ

        List<Record> again = source.run();

        assertThat(again).first().extracting(r -> r.position().printable()).isEqualTo(first);
    }

    /**
     * A state switched to CDC before its snapshot committed anything: nothing was emitted, so everything is a create.
     * Before, its first poll took every object older than the snapshot's start as emitted, and emitted nothing.
     */
    @Test
    void aSourceSwitchedToCdcBeforeItsSnapshotEmittedAnythingEmitsEveryObjectAsACreate() throws Exception {
        String bucket = SourceFixtures.newBucket("snapshot-then-cdc-mode");
        bed.putMany(bucket, List.of("a", "b"), 2);
        SourceHarness.waitForTheNextSecond();
        SourceHarness source = harnesses.of(bucket);
        try (S3Source uncommitted = source.newSource()) {
            uncommitted.poll(Duration.ofSeconds(10)); // saves the snapshot's start, commits no record
        }

        List<Record> cdc = source.with(SourceFixtures.config(bucket, "it:" + bucket, SourceMode.CDC, ContentMode.INLINE)).run();

        assertThat(describeAll(cdc)).containsExactly("create a", "create b");
    }

    @Test
    void aConduitSnapshotPositionResumesTheSnapshotAfterItsKey() throws Exception {
        String bucket = SourceFixtures.newBucket("conduit-snapshot");
        bed.putMany(bucket, List.of("key_with_underscores_a", "key_with_underscores_b", "key_with_underscores_c",
                "key_with_underscores_d"), 4);
        String conduit = "key_with_underscores_b_s" + System.currentTimeMillis() / 1000;

        List<Record> records = snapshotOnly(bucket).run(Optional.of(SourcePositions.parse(conduit)));

        assertThat(describeAll(records)).containsExactly("snapshot key_with_underscores_c", "snapshot key_with_underscores_d");
    }

    @Test
    void aConduitSnapshotPositionFollowedByCdcDoesNotEmitTheKeysConduitAlreadyEmitted() throws Exception {
        String bucket = SourceFixtures.newBucket("conduit-snapshot-then-cdc");
        bed.putMany(bucket, List.of("key_with_underscores_a", "key_with_underscores_b", "key_with_underscores_c"), 3);
        SourceHarness.waitForTheNextSecond();
        String conduit = "key_with_underscores_b_s" + System.currentTimeMillis() / 1000;

        List<Record> records = harnesses.of(bucket).run(Optional.of(SourcePositions.parse(conduit)));

        assertThat(describeAll(records)).containsExactly("snapshot key_with_underscores_c");
    }

    @Test
    void aConduitCdcPositionWithoutStateEmitsCreatesOnlyForObjectsModifiedFromItsSecondOn() throws Exception {
        String bucket = SourceFixtures.newBucket("conduit-cdc");
        bed.putMany(bucket, List.of("old-1", "old-2"), 2);
        SourceHarness.waitForTheNextSecond();
        long second = System.currentTimeMillis() / 1000;
        bed.putMany(bucket, List.of("new-1", "new-2"), 2);

        List<Record> records = harnesses.of(bucket).run(Optional.of(SourcePositions.parse("some_key_c" + second)));

        assertThat(describeAll(records)).containsExactly("create new-1", "create new-2");
        assertThat(after(records.getFirst())).isEqualTo("new-1");
    }

    /**
     * A CDC position with a key is inside its poll, and without state nothing says what the run that made it emitted up
     * to the key. Before, those keys changed since the watermark came again under the position's watermark and their
     * own keys: the positions of the records the stopped run had emitted for them.
     */
    @Test
    void aCdcPositionWithAKeyWithoutStateLeavesTheKeysUpToItChangedSinceItsWatermarkToTheNextPoll() throws Exception {
        String bucket = SourceFixtures.newBucket("cdc-key-no-state");
        bed.putMany(bucket, List.of("a-old", "d-old"), 2);
        SourceHarness.waitForTheNextSecond();
        Instant watermark = Instant.ofEpochMilli(System.currentTimeMillis());
        bed.putMany(bucket, List.of("b-new", "c-new", "e-new"), 3);
        CdcPosition position = new CdcPosition(watermark, Optional.of("c-new"));

        List<Record> records = harnesses.of(bucket).run(Optional.of(position));

        assertThat(describeAll(records)).as("the resumed poll after the key, then the next poll")
                .containsExactly("create e-new", "create b-new", "create c-new");
        List<Instant> watermarks = records.stream()
                .map(r -> ((CdcPosition) SourcePositions.parse(r.position().printable())).watermark()).toList();
        assertThat(watermarks.getFirst()).isEqualTo(watermark);
        assertThat(watermarks.subList(1, watermarks.size())).as("the keys up to the position's, under the next poll's watermark")
                .allSatisfy(next -> assertThat(next).isAfter(watermark));
    }

    /**
     * The state holds the records up to its key: the next poll emits the delete of "a", and "c" and "d", after the
     * state's key and changed since the poll's watermark, come again (at-least-once). Before, a Kafka task dropped such a state,
     * and the delete of "a" was never emitted.
     */
    @Test
    void aSourceResumedInsideAPollOnAStateBehindItsPositionEmitsTheDeleteOfAKeyUpToTheStatesKey() throws Exception {
        List<Record> resumed = resumedOnAStateBehindItsPosition("state-behind-delete", "a");

        assertThat(describeAll(resumed)).as("the resumed poll after d, then the next poll")
                .containsExactly("update e", "delete a", "update c", "update d");
    }

    /**
     * Its delete may be the host's already, or made since, which nothing tells: the next poll emits it (at-least-once), as
     * it emits "d", changed since the poll's watermark.
     */
    @Test
    void aSourceResumedInsideAPollOnAStateBehindItsPositionEmitsTheDeleteOfAKeyGoneAfterTheStatesKey() throws Exception {
        List<Record> resumed = resumedOnAStateBehindItsPosition("state-behind-interval", "c");

        assertThat(describeAll(resumed)).as("the resumed poll after d, then the next poll")
                .containsExactly("update e", "delete c", "update d");
    }

    /**
     * A host that stored the updates of a poll up to "d" and committed them up to "b" (a Kafka task whose worker died
     * between the two), resumed after "d" on the state saved at "b" once {@code deleted} was deleted: its records.
     */
    private List<Record> resumedOnAStateBehindItsPosition(String purpose, String deleted) throws Exception {
        String bucket = SourceFixtures.newBucket(purpose);
        List<String> keys = List.of("a", "b", "c", "d", "e");
        bed.putMany(bucket, keys, 5);
        SourceHarness source = harnesses.of(bucket);
        source.run();
        keys.forEach(key -> bed.put(bucket, key, "changed " + key, null));
        List<Record> stored = storedUpToTheFourthCommittedUpToTheSecond(source);
        assertThat(describeAll(stored)).containsExactly("update a", "update b", "update c", "update d");
        bed.client().deleteObject(r -> r.bucket(bucket).key(deleted));
        return resumedAfter(source, stored.getLast());
    }

    /**
     * The same in the snapshot: the state holds the records up to "b", so the delete of "a" is emitted by the first CDC
     * poll; "c" and "d", after the state's key, are taken as emitted (older than the snapshot's start), as for a snapshot
     * position without state. Before, they came again as creates, and a Kafka task dropped such a state, the delete of
     * "a" never emitted.
     */
    @Test
    void aSnapshotResumedOnAStateBehindItsPositionEmitsTheDeleteOfAKeyUpToTheStatesKeyAndNotTheKeysAfterIt() throws Exception {
        String bucket = SourceFixtures.newBucket("snapshot-state-behind");
        SourceHarness source = aToEBeforeTheSnapshotsSecond(bucket);
        List<Record> stored = storedUpToTheFourthCommittedUpToTheSecond(source);
        bed.client().deleteObject(r -> r.bucket(bucket).key("a"));

        List<Record> resumed = resumedAfter(source, stored.getLast());

        assertThat(describeAll(stored)).containsExactly("snapshot a", "snapshot b", "snapshot c", "snapshot d");
        assertThat(describeAll(resumed)).as("the snapshot after d, then the first CDC poll")
                .containsExactly("snapshot e", "delete a");
    }

    /**
     * A host that handed "c" on and was stopped before committing it (its handler fails right after), resumed from c's
     * position: what it wrote ahead up to c is persisted, so the first CDC poll emits the delete of c made in between.
     * Before, c, after the state's key, was taken as emitted, and being gone was never emitted as deleted.
     */
    @Test
    void aSourceResumedFromARecordItsHostHandedOnButDidNotCommitEmitsTheDeleteOfItsKeyMadeSince() throws Exception {
        String bucket = SourceFixtures.newBucket("written-ahead");
        SourceHarness source = aToEBeforeTheSnapshotsSecond(bucket);
        List<Record> handed = new ArrayList<>();
        try (S3Source stopped = source.newSource()) {
            assertThatThrownBy(() -> source.run(stopped, Long.MAX_VALUE, record -> {
                handed.add(record);
                if (key(record).equals("c")) {
                    throw new IllegalStateException("stopped after handing c on");
                }
            })).hasMessage("stopped after handing c on");
        }
        bed.client().deleteObject(r -> r.bucket(bucket).key("c"));

        List<Record> resumed = resumedAfter(source, handed.getLast());

        assertThat(describeAll(handed)).containsExactly("snapshot a", "snapshot b", "snapshot c");
        assertThat(describeAll(resumed)).as("the snapshot after c, then the first CDC poll")
                .containsExactly("snapshot d", "snapshot e", "delete c");
    }

    /** A source on {@code bucket}, which now holds "a" to "e", all older than the second its snapshot will start in. */
    private SourceHarness aToEBeforeTheSnapshotsSecond(String bucket) {
        bed.putMany(bucket, List.of("a", "b", "c", "d", "e"), 5);
        SourceHarness.waitForTheNextSecond();
        return harnesses.of(bucket);
    }

    /** What a new source on {@code source}'s state emits until idle, resumed from the position of {@code last}. */
    private static List<Record> resumedAfter(SourceHarness source, Record last) throws Exception {
        return source.run(Optional.of(SourcePositions.parse(last.position().printable())));
    }

    /** The first four records of a new source on {@code source}'s state, of which it commits the first two. */
    private static List<Record> storedUpToTheFourthCommittedUpToTheSecond(SourceHarness source) throws Exception {
        List<Record> stored = new ArrayList<>();
        try (S3Source crashed = source.newSource()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stored.size() < 4 && System.nanoTime() < deadline) {
                stored.addAll(crashed.poll(Duration.ofSeconds(1), 4 - stored.size()));
            }
            crashed.commit(stored.get(1).position());
        }
        return stored;
    }

    @Test
    void objectsOlderThanAConduitCdcPositionAreTrackedSoTheirLaterChangesAreUpdates() throws Exception {
        String bucket = SourceFixtures.newBucket("conduit-cdc-tracked");
        bed.putMany(bucket, List.of("old-1", "old-2"), 2);
        SourceHarness.waitForTheNextSecond();
        SourceHarness source = harnesses.of(bucket);

        SourcePosition conduit = SourcePositions.parse("x_c" + System.currentTimeMillis() / 1000);

        List<Record> first = source.run(Optional.of(conduit));
        bed.put(bucket, "old-1", "changed", null);
        bed.client().deleteObject(r -> r.bucket(bucket).key("old-2"));
        List<Record> second = source.run(Optional.of(conduit));

        assertThat(first).isEmpty();
        assertThat(describeAll(second)).containsExactlyInAnyOrder("update old-1", "delete old-2");
    }

    @Test
    void aSourceStartedFromAConduitCdcPositionStaysInCdcWhenRestartedWithoutOne() throws Exception {
        String bucket = SourceFixtures.newBucket("conduit-cdc-restart");
        bed.putMany(bucket, List.of("old-1", "old-2"), 2);
        SourceHarness.waitForTheNextSecond();
        SourceHarness source = harnesses.of(bucket);

        List<Record> first = source.run(Optional.of(SourcePositions.parse("x_c" + System.currentTimeMillis() / 1000)));
        bed.put(bucket, "new", "new", null);
        List<Record> restarted = source.run();

        assertThat(first).isEmpty();
        assertThat(describeAll(restarted)).as("CDC goes on: no new snapshot of what the position declared seen")
                .containsExactly("create new");
    }

    @Test
    void aSourceRestartedAfterItsSnapshotCompletedReportsNewObjectsAsCreates() throws Exception {
        String bucket = SourceFixtures.newBucket("restart-after-snapshot");
        bed.putMany(bucket, List.of("b", "c"), 2);
        SourceHarness source = harnesses.of(bucket);
        source.run();

        bed.put(bucket, "a", "before the last snapshot key", null);
        bed.put(bucket, "d", "after the last snapshot key", null);
        List<Record> restarted = source.run();

        assertThat(describeAll(restarted)).containsExactly("create a", "create d");
    }

    @Test
    void aSourceRestartedInCdcEmitsOnlyWhatChangedSinceItsLastRecord() throws Exception {
        String bucket = SourceFixtures.newBucket("restart-in-cdc");
        bed.put(bucket, "a", "a1", null);
        SourceHarness source = harnesses.of(bucket);
        List<Record> first = source.run(Optional.empty(), Long.MAX_VALUE, record -> {
            if (record.operation() == Operation.SNAPSHOT) {
                bed.put(bucket, "b", "b1", null);
            }
        });

        bed.put(bucket, "a", "a-two", null);
        bed.put(bucket, "c", "c1", null);
        List<Record> restarted = source.run();

        assertThat(describeAll(first)).containsExactly("snapshot a", "create b");
        assertThat(source.newSource().savedPosition()).get().isInstanceOf(CdcPosition.class);
        assertThat(describeAll(restarted)).containsExactly("update a", "create c");
    }

    @Test
    void aMalformedPositionStopsTheSourceBeforeItEmitsAnything() {
        String bucket = SourceFixtures.newBucket("malformed-start");
        bed.put(bucket, "a", "a", null);

        assertThatThrownBy(() -> harnesses.of(bucket).run(Optional.of(SourcePositions.parse("s3conn:v1:snapshot:x:"))))
                .isInstanceOf(MalformedPositionException.class);
    }
}
