package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.position.SourcePositions;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.KafkaCluster;

/**
 * A source task stopped in the middle of a CDC poll, resumed with its state ahead of Connect's offset, or without
 * state. The poll is made long (every object of the bucket updated while the connector is stopped, each read one at a
 * time over a slow S3), so that the connector is stopped with part of the poll's records committed. A {@code PATCH}
 * of the offset back to an earlier record of that poll stands for what a task without exactly-once leaves after a
 * crash: records acknowledged, and persisted in the state, whose offsets Connect had not flushed yet.
 */
class TaskResumedInsideAPollIT {

    private static final int OBJECTS = 300;
    private static final List<String> KEYS = ConnectFixtures.numberedKeys("obj-", OBJECTS);
    private static final String LAST = KEYS.getLast();

    private final TestBed bed = ConnectFixtures.testBed();
    private final KafkaCluster cluster = ConnectFixtures.cluster();
    @RegisterExtension
    final ConnectorTestCleanup connectors = new ConnectorTestCleanup(cluster);

    /**
     * Before, the state (at a later key of the poll than the offset) was dropped: the task started from the offset with
     * no state, the object deleted meanwhile never came as a delete, and the poll's updates came again as creates,
     * those up to the state's key under the positions of their first records.
     */
    @Test
    void aTaskWhoseStateIsFurtherInThePollThanItsOffsetKeepsItAndEmitsADeleteMadeWhileItWasStopped() throws Exception {
        List<String> resumed = resumedInsideAPoll("ahead", firstUpdates -> firstUpdates.get(9).position(), LAST);

        assertThat(resumed).as("each update once, then the delete").hasSize(OBJECTS).endsWith("delete " + LAST)
                .containsAll(KEYS.subList(0, OBJECTS - 1).stream().map(key -> "update " + key).toList());
    }

    /**
     * A {@code PATCH} of the offset forward, to a later key of the same poll than the task's state, stands for a worker
     * that died after Connect committed records and before the task persisted its state. Before, that state was
     * dropped: the task started from the offset alone, and the delete of a key up to the state's was never emitted.
     */
    @Test
    void aTaskWhoseStateIsBehindItsOffsetInThePollKeepsItAndEmitsADeleteOfAKeyUpToTheStatesKey() throws Exception {
        List<String> resumed = resumedInsideAPoll("behind", TaskResumedInsideAPollIT::tenKeysFurther, KEYS.getFirst());

        // The keys after the state's up to the offset's were never emitted here (the offset was moved past them):
        // the poll after the resumed one emits them, after the delete.
        assertThat(resumed).as("each update once, and the delete of the first key").hasSize(OBJECTS + 1)
                .contains("delete " + KEYS.getFirst()).containsAll(KEYS.stream().map(key -> "update " + key).toList());
    }

    /**
     * Before, a task without state took the poll from its start: the updates up to the offset's key came again, under
     * the positions their first records had (a destination naming batches after positions replaced the earlier batch).
     */
    @Test
    void aTaskWithoutStateResumedInsideAPollEmitsNoKeyUpToItsOffsetUnderThatPoll() throws Exception {
        SourceUnderTest source = source("no-state");
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = source.createAndAwait(connectors, rest, OBJECTS, "the snapshot")) {
            stopInsideAPollOfUpdates(source, rest, reader);
            CdcPosition offset = (CdcPosition) SourcePositions.parse(storedPosition(rest, source));
            deleteStateOf(source);

            assertThat(rest.resume(source.name()).status()).isEqualTo(202);
            // At-least-once: every object changed since the poll's watermark comes again as a create, the updates
            // committed up to the offset among them (no state says what was emitted).
            reader.awaitUntil(seen -> creates(seen).size() >= OBJECTS, Duration.ofSeconds(60),
                    "every object changed since the watermark");
            ConnectFixtures.sleep(Duration.ofSeconds(3));
            List<TopicReader.Seen> resumed = creates(reader.seen());

            assertThat(resumed).as("nothing up to the offset's key under the watermark of its poll")
                    .noneMatch(seen -> SourcePositions.parse(seen.position()) instanceof CdcPosition p
                            && p.watermark().equals(offset.watermark())
                            && seen.key().compareTo(offset.key().orElseThrow()) <= 0);
            assertThat(resumed).extracting(TopicReader.Seen::key).doesNotHaveDuplicates().hasSize(OBJECTS);
            assertEveryPositionIsItsOwn(reader.seen());
        }
    }

    /**
     * Every object updated while the connector is stopped, then read one at a time over a slow S3: the connector is
     * stopped again once some of those updates are in the topic, its poll not done. Returns the updates read.
     */
    private List<TopicReader.Seen> stopInsideAPollOfUpdates(SourceUnderTest source, ConnectRest rest, TopicReader reader) {
        assertThat(rest.stop(source.name()).status()).isEqualTo(204);
        rest.awaitStopped(source.name(), Duration.ofSeconds(60));
        source.keys().parallelStream().forEach(key -> bed.put(source.bucket(), key, "changed " + key, null));
        bed.emulator().setLatency(Duration.ofMillis(100));
        assertThat(rest.resume(source.name()).status()).isEqualTo(202);
        reader.awaitUntil(seen -> seen.size() >= OBJECTS + 20, Duration.ofSeconds(60), "some updates");
        assertThat(rest.stop(source.name()).status()).isEqualTo(204);
        rest.awaitStopped(source.name(), Duration.ofSeconds(60));
        bed.emulator().setLatency(Duration.ZERO);
        List<TopicReader.Seen> all = reader.seen();
        List<TopicReader.Seen> updates = all.subList(OBJECTS, all.size());
        assertThat(updates).as("stopped inside the poll").hasSizeLessThan(OBJECTS)
                .allSatisfy(seen -> assertThat(seen.operation()).isEqualTo("update"));
        assertThat(updates.stream().map(TopicReader.Seen::position).map(p -> ((CdcPosition) SourcePositions.parse(p)).watermark())
                .distinct()).as("the updates of one poll").hasSize(1);
        return updates;
    }

    /**
     * A connector stopped inside a poll of updates ({@link #stopInsideAPollOfUpdates}), its offset then set to the
     * position {@code offset} gives for the updates in the topic ({@code PATCH}), {@code deleted} deleted, and the
     * connector resumed until the delete comes, and a few seconds more: the operations the topic then holds after the
     * snapshot, every position of the topic checked to be its own.
     */
    private List<String> resumedInsideAPoll(String purpose, Function<List<TopicReader.Seen>, String> offset, String deleted)
            throws Exception {
        SourceUnderTest source = source(purpose);
        ConnectRest rest = cluster.rest();
        try (TopicReader reader = source.createAndAwait(connectors, rest, OBJECTS, "the snapshot")) {
            String position = offset.apply(stopInsideAPollOfUpdates(source, rest, reader));
            ConnectRest.Response patched = rest.alterOffsets(source.name(),
                    ConnectFixtures.withFirstPosition(rest.offsets(source.name()).body(), position));
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            bed.client().deleteObject(r -> r.bucket(source.bucket()).key(deleted));
            assertThat(rest.resume(source.name()).status()).isEqualTo(202);
            reader.awaitUntil(seen -> operations(seen).contains("delete " + deleted), Duration.ofSeconds(60), "the delete");
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // anything emitted again would come within the next polls
            List<TopicReader.Seen> all = reader.seen();
            assertEveryPositionIsItsOwn(all);
            return operations(all.subList(OBJECTS, all.size()));
        }
    }

    /** A position of the poll of {@code updates} ten keys after the last of them: one the task's state is behind. */
    private static String tenKeysFurther(List<TopicReader.Seen> updates) {
        CdcPosition last = (CdcPosition) SourcePositions.parse(updates.getLast().position());
        int further = updates.size() - 1 + 10;
        assertThat(further).as("a key of the poll before its last").isLessThan(OBJECTS - 1);
        return new CdcPosition(last.watermark(), Optional.of(KEYS.get(further))).printable();
    }

    private SourceUnderTest source(String purpose) throws IOException {
        SourceUnderTest source = SourceUnderTest.of(purpose, OBJECTS, 1);
        source.config().put("read-ahead", "1"); // one object read at a time: a poll of every object takes a while
        return source;
    }

    /** Removes the connector's task state from its state-dir, as on a worker that never ran its task. */
    private static void deleteStateOf(SourceUnderTest source) throws IOException {
        Path dir = Path.of(source.config().get("state-dir"));
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(dir)).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The position of the task's offset in Connect's offset store. */
    private static String storedPosition(ConnectRest rest, SourceUnderTest source) {
        Matcher position = Pattern.compile("\"position\":\"([^\"]*)\"")
                .matcher(rest.offsets(source.name()).body());
        assertThat(position.find()).as("the task's offset").isTrue();
        return position.group(1);
    }

    private static List<TopicReader.Seen> creates(List<TopicReader.Seen> seen) {
        return seen.stream().filter(s -> s.operation().equals("create")).toList();
    }

    private static List<String> operations(List<TopicReader.Seen> seen) {
        return seen.stream().map(s -> s.operation() + " " + s.key()).toList();
    }

    private void assertEveryPositionIsItsOwn(List<TopicReader.Seen> seen) {
        Map<String, Long> counts = seen.stream().collect(Collectors.groupingBy(TopicReader.Seen::position, Collectors.counting()));
        assertThat(counts).as("records sharing a position").allSatisfy((position, count) -> assertThat(count).as(position).isEqualTo(1L));
    }
}
