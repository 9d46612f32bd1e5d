package io.s3conn.source;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.s3conn.core.record.Record;

/**
 * Drives an {@link S3Source} for a host that hands each record on synchronously (stdout, a test): polls,
 * writes the state of the records polled ahead ({@link S3Source#writeAhead()}, one transaction a poll), hands each
 * record to a {@link RecordHandler}, and commits its position as soon as the handler returned. A run killed between
 * the two leaves the record handed on and not committed; started again from its position (as a host gives it:
 * {@code source read --position}), the source persists it then, and its state is exact at that position. Hosts that
 * store records in batches drive {@code poll} and {@code commit} themselves.
 */
public final class RecordPump {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final S3Source source;

    /**
     * A pump over {@code source}.
     *
     * @param source the source, owned by the caller (who closes it)
     */
    public RecordPump(S3Source source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Runs until the source's mode is done, it is stopped, {@code maxRecords} were handed over, or (with
     * {@code stopWhenIdle}) a CDC poll found nothing. Asks the source for no more records than it may hand
     * over, so the source's place is kept for a next run of the same source.
     *
     * @throws Exception what the handler or the source threw; the record in hand is then not committed
     */
    public SourceRun run(RecordHandler handler, long maxRecords, boolean stopWhenIdle) throws Exception {
        Objects.requireNonNull(handler, "handler");
        long handed = 0;
        long pollsBefore = source.progress().polls();
        while (handed < maxRecords && !source.stopRequested()) {
            List<Record> records = source.poll(POLL_TIMEOUT, (int) Math.min(maxRecords - handed, Integer.MAX_VALUE));
            if (!records.isEmpty()) {
                source.writeAhead();
            }
            for (Record record : records) {
                if (source.stopRequested()) {
                    break; // the rest is not committed: a restart emits it again
                }
                handler.accept(record);
                source.commit(record.position());
                handed++;
            }
            SourceProgress progress = source.progress();
            if (progress.phase() == SourceProgress.Phase.DONE || (stopWhenIdle && progress.polls() > pollsBefore && progress.idle())) {
                break;
            }
        }
        SourceProgress progress = source.progress();
        return new SourceRun(handed, progress.polls(), progress.listRequests(), progress.pendingRestores());
    }
}
