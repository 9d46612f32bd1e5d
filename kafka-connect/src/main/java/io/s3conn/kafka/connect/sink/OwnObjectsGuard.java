package io.s3conn.kafka.connect.sink;

import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;

import io.s3conn.core.record.Record;
import io.s3conn.core.text.TerminalText;
import io.s3conn.destination.s3.OwnObjects;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.kafka.connect.record.SinkRecords;

/**
 * Refuses a record that is one of this sink's own objects read back ({@link OwnObjects}): a source connector reading
 * where the sink stores would loop without end. Connectors are configured apart and cannot see each other's settings,
 * so the sink recognises the loop by its records.
 */
final class OwnObjectsGuard {

    private final OwnObjects own;
    private final String where;

    OwnObjectsGuard(S3DestinationConfiguration destination) {
        this.own = OwnObjects.of(destination);
        this.where = destination.writeScope().toString();
    }

    /**
     * Passes a record that is none of this sink's objects.
     *
     * @throws ConnectException with one line naming the object, where the sink stores and the remedy, for one that is:
     *                          the task fails, and the record's batch is not stored
     */
    void check(Record record) {
        Optional<String> key = own.keyOf(record);
        if (key.isEmpty()) {
            return;
        }
        // Escaped: the first line of the task's trace, and the prefix may hold a control character.
        throw new ConnectException(TerminalText.escaped("record " + record.metadata().get(SinkRecords.KAFKA_OFFSET) + " of "
                + record.metadata().get(SinkRecords.KAFKA_TOPIC) + "-" + record.metadata().get(SinkRecords.KAFKA_PARTITION)
                + " is the object s3://" + own.bucket() + "/" + key.get() + ", named as this sink names the objects it stores under " + where
                + ": a source connector reads them back into its topic, and the sink would store each again without end; give"
                + " the sink another bucket or prefix, or the source a prefix that leaves " + where + " out (nothing of this"
                + " record's batch was stored)"));
    }
}
