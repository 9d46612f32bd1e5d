package io.s3conn.destination.s3;

import java.util.Optional;
import java.util.regex.Pattern;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Record;

/**
 * Recognises a destination's own batch objects read back as records: a source reading where the destination stores
 * (a source connector on the sink's bucket, {@code s3conn source read} piped into {@code s3conn destination write})
 * turns each stored object into a record, which the destination would store again, without end. A record is one when
 * its {@code s3.bucket} is the destination's bucket and its {@code s3.key} a name of its batch objects (prefix, key
 * template, format: {@link S3DestinationConfiguration#objectNames()}). Other keys under the prefix, and the same keys
 * in a bucket of another name, are none: replication into a bucket that holds other objects is no loop. A bucket of the
 * same name on another server cannot be told apart, as records do not name their server.
 *
 * @param bucket the destination's bucket
 * @param names  the names of its batch objects
 */
public record OwnObjects(String bucket, Pattern names) {

    /** The own objects of {@code destination}. */
    public static OwnObjects of(S3DestinationConfiguration destination) {
        return new OwnObjects(destination.bucket(), destination.objectNames());
    }

    /** The key of the object {@code record} was read from, when that is one of the destination's own. */
    public Optional<String> keyOf(Record record) {
        String key = record.metadata().get(Metadata.S3_KEY);
        return key != null && bucket.equals(record.metadata().get(Metadata.S3_BUCKET)) && names.matcher(key).matches()
                ? Optional.of(key) : Optional.empty();
    }
}
