package io.s3conn.destination.s3;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.s3conn.core.record.Record;

/**
 * What a batch's object is named after ({@code {id}} in the key template) and filed under ({@code {yyyy}}
 * {@code {MM}} {@code {dd}} {@code {HH}}), both taken when the batch starts. A batch written again after a
 * crash must get the name of the copy it replaces, so that the copy is overwritten instead of kept beside it.
 */
@FunctionalInterface
public interface BatchIdentity {

    /**
     * The position and time of the batch's first record: right for a host whose input, resumed after the
     * last stored batch, starts with the same record again (a file of records, a Kafka partition). A first
     * record without a position (records written by hand) gives nothing to recognise a replay by: its batch
     * gets a random identity, so that it is stored beside the other batches instead of replacing one of them.
     */
    BatchIdentity FIRST_POSITION = first -> first.position().bytes().length > 0 ? first.position().bytes()
            : UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);

    /** The identity of a batch that starts with {@code first}; its bytes are hashed into the name. */
    byte[] of(Record first);

    /**
     * The time a batch that starts with {@code first} is filed under: by default the time the record carries
     * ({@link ObjectNamer#recordTime(Record)}), else {@code startedAt}, the writer's clock when the batch began (the
     * wall clock of a CLI run; a Kafka sink's clock reads its records' timestamps, the same on every replay). A host
     * whose replayed batch may start with another record overrides it with a time that is the same on every replay.
     */
    default Instant filedAt(Record first, Instant startedAt) {
        return ObjectNamer.recordTime(first).orElse(startedAt);
    }
}
