package io.s3conn.source;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

import io.s3conn.source.change.Change;
import io.s3conn.source.content.ObjectContent;
import io.s3conn.source.content.ReadAhead;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.walk.ObjectVersion;

/**
 * The changes of one page (snapshot or CDC) being turned into records: each with its position and,
 * where a record carries it, the object's content, read ahead in order.
 */
final class ChangeBatch implements AutoCloseable {

    private final Iterator<Change> changes;
    private final ReadAhead<ObjectVersion, Optional<ObjectContent>> reads;
    private final Function<Change, SourcePosition> positions;
    private final Optional<SourcePosition> completesPoll;
    private Change next;

    /**
     * @param changes       in emission order
     * @param positions     the position of each change's record
     * @param completesPoll present for the last page of a CDC poll: the position to resume from after it
     */
    ChangeBatch(List<Change> changes, Function<Change, SourcePosition> positions, Optional<SourcePosition> completesPoll,
                ExecutorService pool, int readAhead, Function<ObjectVersion, Optional<ObjectContent>> read) {
        this.changes = changes.iterator();
        this.positions = positions;
        this.completesPoll = completesPoll;
        this.reads = new ReadAhead<>(pool, readAhead, changes.stream().filter(Change::needsContent).map(Change::object)
                .toList(), read);
        this.next = this.changes.hasNext() ? this.changes.next() : null;
    }

    boolean hasNext() {
        return next != null;
    }

    /** True when the next change can be taken without waiting for S3. */
    boolean nextReady() {
        return next != null && (!next.needsContent() || reads.nextReady());
    }

    /** The next change with its position and content (empty for changes without content, and for objects gone since). */
    Item next() throws InterruptedException {
        Change change = next;
        Optional<ObjectContent> content = change.needsContent() ? reads.next() : Optional.empty();
        next = changes.hasNext() ? changes.next() : null;
        return new Item(change, positions.apply(change), content);
    }

    /** The position a finished CDC poll may be resumed from, for the last page of a poll. */
    Optional<SourcePosition> completesPoll() {
        return completesPoll;
    }

    @Override
    public void close() {
        reads.close();
    }

    /** A change ready to emit. */
    record Item(Change change, SourcePosition position, Optional<ObjectContent> content) {
    }
}
