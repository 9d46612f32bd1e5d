package io.s3conn.it.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.core.record.Record;
import io.s3conn.core.state.LeaseHeldException;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;
import io.s3conn.source.SourceProgress;
import io.s3conn.source.content.ContentMode;
import io.s3conn.testbed.TestBed;

/** A host driving the source by hand: poll, commit by position, stop. */
@Timeout(120)
class SourcePullIT {

    private final TestBed bed = SourceFixtures.testBed();
    @RegisterExtension
    final SourceHarnesses harnesses = new SourceHarnesses();

    @Test
    void recordsReturnedButNeverCommittedAreReturnedAgainByTheNextSource() throws Exception {
        String bucket = SourceFixtures.newBucket("pull-uncommitted");
        bed.putMany(bucket, List.of("a", "b", "c"), 3);
        SourceHarness harness = harnesses.of(bucket);

        List<Record> first;
        try (S3Source source = harness.newSource()) {
            first = pollUntil(source, 3);
            source.commit(first.getFirst().position());
        }
        List<Record> restarted = harness.run();

        assertThat(first).extracting(SourceFixtures::key).containsExactly("a", "b", "c");
        assertThat(restarted).extracting(SourceFixtures::key).containsExactly("b", "c");
    }

    @Test
    void committingTheLastRecordCommitsEveryRecordBeforeItAndTheEndOfTheSnapshot() throws Exception {
        String bucket = SourceFixtures.newBucket("pull-last");
        bed.putMany(bucket, List.of("a", "b", "c"), 3);
        SourceHarness harness = harnesses.of(bucket);

        try (S3Source source = harness.newSource()) {
            List<Record> records = pollUntil(source, 3);
            // The snapshot's end is found on the next poll; its checkpoint waits for the records before it.
            source.poll(Duration.ofMillis(100));
            assertThat(source.progress().snapshotComplete()).isTrue();
            assertThat(source.progress().uncommitted()).isEqualTo(3);

            source.commit(records.getLast().position());

            assertThat(source.progress().uncommitted()).isZero();
        }
        assertThat(harness.newSource().savedPosition()).get().extracting(p -> p.printable())
                .asString().startsWith("s3conn:v1:cdc:");
        assertThat(harness.run()).isEmpty();
    }

    @Test
    void aRecordReturnedButNotYetCommittedIsNotFoundAgainByTheNextCdcPoll() throws Exception {
        String bucket = SourceFixtures.newBucket("pull-in-flight");
        bed.put(bucket, "a", "a1", null);
        SourceHarness harness = harnesses.of(bucket);

        try (S3Source source = harness.newSource()) {
            List<Record> snapshot = pollUntil(source, 1);
            List<Record> later = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (source.progress().polls() < 2 && System.nanoTime() < deadline) {
                later.addAll(source.poll(Duration.ofMillis(200)));
            }

            assertThat(snapshot).extracting(SourceFixtures::key).containsExactly("a");
            assertThat(later).isEmpty();
            assertThat(source.progress().idle()).isTrue();
        }
    }

    /**
     * A run stopped inside a CDC poll saves that poll's watermark; the next run's first poll carried it again, so a key
     * the stopped run had emitted and that changed since came under the very position of that record: one position,
     * two records, and a destination batch named after it replaced the earlier one (records lost).
     */
    @Test
    void aChangeFoundAfterAResumeInsideACdcPollNeverTakesThePositionOfARecordEmittedBefore() throws Exception {
        String bucket = SourceFixtures.newBucket("pull-resumed-poll");
        bed.put(bucket, "a", "a1", null);
        bed.put(bucket, "b", "b1", null);
        SourceHarness harness = harnesses.of(bucket);
        harness.run(); // the snapshot, then an idle poll
        bed.put(bucket, "a", "a2", null);
        bed.put(bucket, "b", "b2", null);

        List<Record> stopped = harness.run(java.util.Optional.empty(), 1);
        bed.put(bucket, "a", "a3", null);
        List<Record> resumed = harness.run();

        List<Record> all = new ArrayList<>(stopped);
        all.addAll(resumed);
        assertThat(SourceFixtures.describeAll(all)).containsExactly("update a", "update b", "update a");
        assertThat(all).extracting(r -> r.position().printable()).doesNotHaveDuplicates();
        assertThat(SourceFixtures.after(all.getLast())).isEqualTo("a3");
    }

    @Test
    void stopMakesAPollWaitingForTheNextCdcPollReturnAtOnce() throws Exception {
        String bucket = SourceFixtures.newBucket("pull-stop");
        SourceHarness harness = harnesses.of(bucket);
        harness.with(S3SourceConfiguration.of(bucket, "").withPollingPeriod(Duration.ofMinutes(5))
                .withSavedPosition("pull-stop"));

        try (S3Source source = harness.newSource()) {
            source.poll(Duration.ofSeconds(5)); // the snapshot's end and the first, idle, CDC poll
            CompletableFuture<List<Record>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return source.poll(Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            long stoppedAt = System.nanoTime();
            source.stop();

            assertThat(waiting.get(5, TimeUnit.SECONDS)).isEmpty();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt)).isLessThan(1000);
            assertThat(source.progress().phase()).isEqualTo(SourceProgress.Phase.DONE);
        }
    }

    /**
     * A first CDC poll of objects older than the source has no record to return: it went through every page of the
     * bucket in one call, holding what it recorded of each in memory until the call returned.
     */
    @Test
    void aFirstCdcPollOfObjectsOlderThanTheSourceReturnsAtItsDeadlineBetweenPages() throws Exception {
        String bucket = SourceFixtures.newBucket("pull-baseline");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            keys.add(String.format("k/%05d", i)); // two pages of 1,000 at least
        }
        bed.putMany(bucket, keys, 8);
        Thread.sleep(1_100); // older than the source, in whole seconds
        SourceHarness harness = harnesses.of(bucket);
        harness.with(SourceFixtures.config(bucket, "pull-baseline", SourceMode.CDC, ContentMode.NONE));

        try (S3Source source = harness.newSource()) {
            List<Record> first = source.poll(Duration.ofMillis(1));
            long pollsAfterTheFirstCall = source.progress().polls();
            List<Record> later = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (source.progress().polls() < 1 && System.nanoTime() < deadline) {
                later.addAll(source.poll(Duration.ofMillis(1)));
            }

            assertThat(first).isEmpty();
            assertThat(pollsAfterTheFirstCall).as("CDC polls completed by the first call").isZero();
            assertThat(source.progress().polls()).as("CDC polls completed by the calls after it").isEqualTo(1);
            assertThat(later).as("records of objects older than the source").isEmpty();
        }
    }

    @Test
    void aSecondSourceOnTheSameSavedStateFailsItsFirstPollWhileTheFirstHoldsIt() throws Exception {
        String bucket = SourceFixtures.newBucket("pull-lease");
        bed.put(bucket, "a", "a1", null);
        SourceHarness harness = harnesses.of(bucket);

        try (S3Source first = harness.newSource()) {
            assertThat(pollUntil(first, 1)).hasSize(1);
            try (S3Source second = harness.newSource()) {
                assertThatThrownBy(() -> second.poll(Duration.ofMillis(100))).isInstanceOf(LeaseHeldException.class);
            }
        }
        try (S3Source afterwards = harness.newSource()) {
            assertThat(pollUntil(afterwards, 1)).as("the lease is given up on close").hasSize(1);
        }
    }

    private static List<Record> pollUntil(S3Source source, int count) throws InterruptedException {
        List<Record> records = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (records.size() < count && System.nanoTime() < deadline) {
            records.addAll(source.poll(Duration.ofMillis(500)));
        }
        return records;
    }
}
