package io.s3conn.core.record;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A change record in the OpenCDC shape that Conduit uses: where it came from ({@code position}),
 * what happened ({@code operation}), string {@code metadata}, the object {@code key} and the
 * {@code payload} before and after.
 *
 * <p>Key and payload are bytes. OpenCDC also knows structured data (a JSON object, such as a database row a
 * Conduit source read): its bytes are then the object's JSON text in UTF-8, and {@code structured} names the
 * parts that hold it, so that they are written back as objects, not as raw bytes.
 *
 * <p>Unlike a {@link Position}, the key and payload arrays are not copied, in nor out: a payload may be megabytes, read
 * once and handed on. Whoever makes or holds a record does not change them.
 *
 * @param position   where the source was when it read this record; opaque, with a printable form
 * @param operation  what happened
 * @param metadata   string metadata, keys sorted (see {@link Metadata} for the keys s3conn writes); a value may be
 *                   {@code null} where a record read from JSON had one
 * @param key        the record key: for S3 sources the object key as UTF-8 bytes
 * @param payload    the data before and after
 * @param structured the parts whose bytes are the JSON text of an object (structured data); the others are raw bytes
 */
public record Record(Position position, Operation operation, SortedMap<String, String> metadata, byte[] key,
                     Payload payload, Set<DataPart> structured) {

    /**
     * Refuses a null value, by its name, and a structured payload side that is absent; keeps unmodifiable copies of the
     * metadata and structured sides.
     */
    public Record {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        metadata = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(metadata, "metadata")));
        Objects.requireNonNull(structured, "structured");
        structured = structured.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(structured));
        if (structured.contains(DataPart.BEFORE) && payload.before().isEmpty()
                || structured.contains(DataPart.AFTER) && payload.after().isEmpty()) {
            throw new IllegalArgumentException("a structured payload side must be present: " + structured + ", " + payload);
        }
    }

    /** A record whose key and payload are raw bytes. */
    public Record(Position position, Operation operation, SortedMap<String, String> metadata, byte[] key, Payload payload) {
        this(position, operation, metadata, key, payload, Set.of());
    }

    /** Builds a record from any metadata map; key and payload are raw bytes. */
    public static Record of(Position position, Operation operation, Map<String, String> metadata, byte[] key, Payload payload) {
        return new Record(position, operation, new TreeMap<>(metadata), key, payload);
    }

    /** Builds a record from any metadata map, with the parts that hold structured data. */
    public static Record of(Position position, Operation operation, Map<String, String> metadata, byte[] key, Payload payload,
                            Set<DataPart> structured) {
        return new Record(position, operation, new TreeMap<>(metadata), key, payload, structured);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Record that && position.equals(that.position) && operation == that.operation
                && metadata.equals(that.metadata) && Arrays.equals(key, that.key) && payload.equals(that.payload)
                && structured.equals(that.structured);
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, operation, metadata, Arrays.hashCode(key), payload, structured);
    }

    @Override
    public String toString() {
        return "Record[" + operation.wireName() + " " + new String(key, java.nio.charset.StandardCharsets.UTF_8)
                + " at " + position.printable() + ", " + payload + "]";
    }
}
