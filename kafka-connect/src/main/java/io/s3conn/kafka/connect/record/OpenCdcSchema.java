package io.s3conn.kafka.connect.record;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.s3conn.core.record.Record;

/**
 * An OpenCDC record as a Connect {@link Struct}: the fields of s3conn's JSON lines ({@code RecordJson}) with
 * the position as its printable text. The JSON converter without schemas writes it as
 * {@code {"position":"s3conn:v1:...","operation":"snapshot","metadata":{...},"key":"<base64>","payload":{"before":null,"after":"<base64>"}}},
 * which is the JSON line form except for the readable position; with schemas it adds this schema.
 */
public final class OpenCdcSchema {

    /** The schema name, by which the sink recognises an OpenCDC value. */
    public static final String NAME = "io.s3conn.OpenCDCRecord";

    /** The payload: the bytes before and after the change, each optional. */
    public static final Schema PAYLOAD = SchemaBuilder.struct().name(NAME + ".Payload")
            .field("before", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("after", Schema.OPTIONAL_BYTES_SCHEMA)
            .build();

    /** The record. */
    public static final Schema VALUE = SchemaBuilder.struct().name(NAME).version(1)
            .doc("An OpenCDC change record written by s3conn")
            .field("position", Schema.STRING_SCHEMA)
            .field("operation", Schema.STRING_SCHEMA)
            .field("metadata", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
            .field("key", Schema.BYTES_SCHEMA)
            .field("payload", PAYLOAD)
            .build();

    private OpenCdcSchema() {
    }

    /** The record as a Struct of {@link #VALUE}. */
    public static Struct struct(Record record) {
        return new Struct(VALUE)
                .put("position", record.position().printable())
                .put("operation", record.operation().wireName())
                .put("metadata", Map.copyOf(record.metadata()))
                .put("key", record.key())
                .put("payload", new Struct(PAYLOAD)
                        .put("before", record.payload().before().orElse(null))
                        .put("after", record.payload().after().orElse(null)));
    }

    /** Whether {@code schema} is this record schema (by name: converters rebuild schemas). */
    public static boolean describes(Schema schema) {
        return schema != null && NAME.equals(schema.name());
    }

    /** Bytes of a Connect BYTES value, which converters hand over as {@code byte[]} or {@link ByteBuffer}. */
    static Optional<byte[]> bytes(Object value) {
        return switch (value) {
            case null -> Optional.empty();
            case byte[] array -> Optional.of(array);
            case ByteBuffer buffer -> {
                ByteBuffer copy = buffer.duplicate();
                byte[] array = new byte[copy.remaining()];
                copy.get(array);
                yield Optional.of(array);
            }
            default -> throw new IllegalArgumentException("expected bytes, found " + value.getClass().getSimpleName());
        };
    }
}
