package io.s3conn.kafka.connect.sink;

import java.util.regex.Pattern;

import org.apache.kafka.connect.errors.ConnectException;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Record;
import io.s3conn.core.text.TerminalText;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.kafka.connect.record.SinkRecords;

/**
 * Refuses a record that is one of this sink's own objects read back: a source connector reading where the sink stores
 * (its {@code s3.bucket} and {@code s3.key} metadata) turns each stored object into a record, which the sink stores
 * again, without end. Connectors are configured apart and cannot see each other's settings, so the sink recognises
 * the loop by its records: the bucket is the sink's and the key is a name of the sink's batch objects (its prefix
 * and key template, {@link S3DestinationConfiguration#objectNames()}). Other keys under the sink's prefix, and the
 * same keys in a bucket of another name, pass: replication into a bucket that holds other objects is no loop. A
 * bucket of the same name on another server cannot be told apart, as records do not name their server.
 */
final class OwnObjectsGuard {

    private final String bucket;
    private final Pattern names;
    private final String where;

    OwnObjectsGuard(S3DestinationConfiguration destination) {
        this.bucket = destination.bucket();
        this.names = destination.objectNames();
        this.where = destination.writeScope().toString();
    }

    /**
     * Passes a record that is none of this sink's objects.
     *
     * @throws ConnectException with one line naming the object, where the sink stores and the remedy, for one that is:
     *                          the task fails, and the record's batch is not stored
     */
    void check(Record record) {
        String key = record.metadata().get(Metadata.S3_KEY);
        if (key == null || !bucket.equals(record.metadata().get(Metadata.S3_BUCKET)) || !names.matcher(key).matches()) {
            return;
        }
        // Escaped: the first line of the task's trace, and the prefix may hold a control character.
        throw new ConnectException(TerminalText.escaped("record " + record.metadata().get(SinkRecords.KAFKA_OFFSET) + " of "
                + record.metadata().get(SinkRecords.KAFKA_TOPIC) + "-" + record.metadata().get(SinkRecords.KAFKA_PARTITION)
                + " is the object s3://" + bucket + "/" + key + ", named as this sink names the objects it stores under " + where
                + ": a source connector reads them back into its topic, and the sink would store each again without end; give"
                + " the sink another bucket or prefix, or the source a prefix that leaves " + where + " out (nothing of this"
                + " record's batch was stored)"));
    }
}
