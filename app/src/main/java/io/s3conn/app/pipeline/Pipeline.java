package io.s3conn.app.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.s3conn.app.cli.BucketRequestException;
import io.s3conn.app.config.ChangeFeedSettings;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Record;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.destination.FlushTimer;
import io.s3conn.destination.RecordWriter;
import io.s3conn.destination.StoredBatch;
import io.s3conn.destination.s3.BatchIdentity;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.source.S3Source;
import io.s3conn.source.SourceProgress;
import io.s3conn.source.change.sqs.NotificationStats;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.walk.ScopeProbe;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one wiring of a pipeline, for {@code pipeline run} and {@code serve}: it polls the source,
 * hands the records to a {@link RecordWriter}, and commits the source's position only up to the last
 * position of each batch the writer reported stored. A timer stores batches that reached their flush
 * interval. The source holds the lease on its state, so a second run of the same pipeline on the same
 * database exits 8 without writing; and {@link #stop()} (SIGTERM, serve's shutdown) ends the run at
 * the next record boundary, storing and committing what is buffered.
 */
public final class Pipeline {

    /** How long a poll waits for records: also how soon a stop request is seen while the bucket is quiet. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    /** What a host learns while the pipeline runs (metrics); called on the pipeline's threads. */
    public interface Listener {
        /** Nothing. */
        Listener NONE = new Listener() {
        };

        /** A record was read and handed to the writer. */
        default void read(Record record) {
        }

        /** A batch was stored in the bucket; its positions are committed next. */
        default void uploaded(StoredBatch batch) {
        }

        /** A batch was stored and its positions committed. */
        default void stored(StoredBatch batch) {
        }

        /** The source was polled; where it stands now (a CDC poll completed: {@link SourceProgress#polls()} grew). */
        default void progressed(SourceProgress progress) {
        }
    }

    /**
     * What a run did.
     *
     * @param records       records read
     * @param polls         CDC polls completed
     * @param notifications what the queue's reader did, when changes come from a queue
     */
    public record Outcome(long records, long polls, Optional<NotificationStats> notifications) {
    }

    private final PipelineSettings settings;
    private final Listener listener;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<S3Source> running = new AtomicReference<>();
    private final Clock sourceClock;

    public Pipeline(PipelineSettings settings, Listener listener) {
        this(settings, listener, Clock.systemUTC());
    }

    /** A pipeline whose source reads the time (of its records and its polls) from {@code sourceClock}. */
    Pipeline(PipelineSettings settings, Listener listener, Clock sourceClock) {
        this.settings = settings;
        this.listener = listener;
        this.sourceClock = sourceClock;
    }

    /**
     * Checks what a run checks first: the source's scope answers a listing, the destination bucket a write check.
     * {@code serve}'s readiness asks the same of a pipeline job.
     *
     * @throws BucketRequestException naming the destination bucket when that one fails
     */
    public static void checkBuckets(S3Client s3, PipelineSettings settings) {
        ScopeProbe.check(s3, settings.source().bucket(), settings.source().prefix());
        String destination = settings.destination().bucket();
        try {
            ScopeProbe.checkWritable(s3, destination, settings.destination().prefix());
        } catch (SdkException e) {
            throw new BucketRequestException(destination, e);
        }
    }

    /**
     * Runs until stopped, or until a limit is reached.
     *
     * @param maxRecords   stop after this many records
     * @param stopWhenIdle stop after the first CDC poll that finds no change
     * @throws io.s3conn.core.state.LeaseHeldException when another run of this pipeline holds its state
     */
    public Outcome run(long maxRecords, boolean stopWhenIdle) throws Exception {
        try (S3Client s3 = S3Clients.create(settings.connection().connection())) {
            // Both buckets answer before the database is touched: a wrong name leaves it as it was.
            checkBuckets(s3, settings);
            String databaseUrl = settings.connection().databaseUrl();
            // The source holds the lease on its state from its first poll: a second run of this pipeline
            // fails that poll (exit 8) before anything was written. The queue answers before the database is
            // opened, as the buckets do: a wrong one leaves it as it was.
            try (ChangeFeedSettings.Opened changes = settings.changes().open(settings.connection().connection(), stopWhenIdle);
                 Database database = Database.open(databaseUrl);
                 S3Source source = new S3Source(s3, database, settings.source(), Optional.empty(), sourceClock,
                         changes.feed())) {
                running.set(source);
                if (stopping.get()) {
                    source.stop();
                }
                long records = drive(source, s3, maxRecords, stopWhenIdle);
                return new Outcome(records, source.progress().polls(), changes.notificationStats());
            } finally {
                running.set(null);
            }
        }
    }

    /** Reads and writes until stopped or a limit is reached; the records read. */
    private long drive(S3Source source, S3Client s3, long maxRecords, boolean stopWhenIdle) throws Exception {
        // Closed in reverse: the timer stops, then the writer stores and commits what is buffered.
        try (RecordWriter writer = new DestinationRequests(new S3BatchWriter(s3, settings.destination(), resumePoint(source),
                 batch -> {
                     listener.uploaded(batch);
                     source.commit(batch.lastPosition());
                     listener.stored(batch);
                 }, Clock.systemUTC()), settings.destination().bucket());
             FlushTimer ignored = FlushTimer.start(writer, settings.destination().flushInterval())) {
            long records = 0;
            long pollsBefore = source.progress().polls();
            while (records < maxRecords && !source.stopRequested()) {
                List<Record> polled = source.poll(POLL_TIMEOUT, (int) Math.min(maxRecords - records, Integer.MAX_VALUE));
                for (Record record : polled) {
                    listener.read(record);
                    writer.write(record);
                }
                records += polled.size();
                if (polled.isEmpty()) {
                    writer.flush(); // nothing more for now (the end of a CDC poll): store what is held, not wait
                }
                SourceProgress progress = source.progress();
                listener.progressed(progress);
                if (progress.phase() == SourceProgress.Phase.DONE
                        || (stopWhenIdle && progress.polls() > pollsBefore && progress.idle())) {
                    break;
                }
            }
            return records;
        }
    }

    /**
     * Names each batch after the source position it resumes from: the position saved when its first record
     * was written, which no later save changes until the batch is committed (a save waits for the records
     * before it). A run killed after storing a batch and before committing it starts again from that same
     * position, so its first batch replaces the stored copy even when the source now reads other records
     * first (a change that appeared meanwhile, at a key before the batch's first): naming by the first
     * record would keep both copies. For the same reason the batch is filed ({@code {yyyy}/{MM}/{dd}/{HH}})
     * under that position's watermark, the time the source's view of the bucket was taken, not under its
     * first record's time.
     *
     * <p>The name also counts the saves ({@link S3Source#positionsSaved()}): a source fed by S3 event notifications
     * saves the same position again and again between its reconciling listings (the listing's watermark whenever the
     * queue runs dry), and two batches resuming from one position
     * were given one name, so the second replaced the first in the bucket and its records were lost. A state saved
     * before saves were counted names its first batch as before, so that it still replaces an uncommitted copy.
     */
    private static BatchIdentity resumePoint(S3Source source) {
        return new BatchIdentity() {
            @Override
            public byte[] of(Record first) {
                long saves = source.positionsSaved();
                return ("after:" + source.savedPosition().map(SourcePosition::printable).orElse("")
                        + (saves > 0 ? "#" + saves : "")).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Instant filedAt(Record first, Instant startedAt) {
                return source.savedPosition().map(SourcePosition::watermark)
                        .orElseGet(() -> BatchIdentity.super.filedAt(first, startedAt));
            }
        };
    }

    /** Asks the run to stop at the next record boundary, storing what is buffered; safe from any thread. */
    public void stop() {
        stopping.set(true);
        S3Source source = running.get();
        if (source != null) {
            source.stop();
        }
    }
}
