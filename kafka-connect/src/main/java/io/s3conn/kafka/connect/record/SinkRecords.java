package io.s3conn.kafka.connect.record;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

import io.s3conn.core.json.Json;
import io.s3conn.core.record.MalformedRecordException;
import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Payload;
import io.s3conn.core.record.Position;
import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;

/**
 * A Kafka record as the OpenCDC record the sink stores. Its position is its place in Kafka
 * ({@code kafka:<topic>:<partition>:<offset>}), so objects are named from topic, partition and first offset.
 *
 * <p>An OpenCDC value (a Struct of {@link OpenCdcSchema}, or a Map, string or bytes holding an OpenCDC JSON
 * object: {@code operation} and {@code payload}) keeps its envelope: operation, metadata, key and payload; its
 * own position moves to the metadata key {@link #SOURCE_POSITION}. Any other value (text after such an object
 * included, so that nothing is cut off) is a {@code create} whose
 * {@code payload.after} is the value (Structs and Maps as JSON, strings as UTF-8, bytes as they are); a null
 * value (a tombstone) is a {@code delete}.
 */
public final class SinkRecords {

    /** The topic the record was read from. */
    public static final String KAFKA_TOPIC = "kafka.topic";
    /** Its partition. */
    public static final String KAFKA_PARTITION = "kafka.partition";
    /** Its offset. */
    public static final String KAFKA_OFFSET = "kafka.offset";
    /** The position an OpenCDC value carried (the source's, such as an s3conn source position). */
    public static final String SOURCE_POSITION = "opencdc.sourcePosition";

    private static final String PREFIX = "kafka:";

    private SinkRecords() {
    }

    /** The record to store. */
    public static Record toRecord(SinkRecord record) {
        Position position = position(record.topic(), record.kafkaPartition(), record.kafkaOffset());
        Map<String, String> kafka = Map.of(KAFKA_TOPIC, record.topic(), KAFKA_PARTITION, record.kafkaPartition().toString(),
                KAFKA_OFFSET, Long.toString(record.kafkaOffset()));
        Optional<Record> envelope = envelope(record.value());
        if (envelope.isPresent()) {
            Record inner = envelope.get();
            Map<String, String> metadata = new TreeMap<>(inner.metadata());
            metadata.putAll(kafka);
            if (inner.position().bytes().length > 0) {
                metadata.put(SOURCE_POSITION, inner.position().printable());
            }
            return Record.of(position, inner.operation(), metadata, inner.key(), inner.payload());
        }
        Map<String, String> metadata = new TreeMap<>(kafka);
        metadata.put(Metadata.OPENCDC_VERSION, Metadata.OPENCDC_VERSION_V1);
        metadata.put(Metadata.OPENCDC_COLLECTION, record.topic());
        if (record.timestamp() != null && record.timestamp() >= 0) {
            metadata.put(Metadata.OPENCDC_CREATED_AT, Long.toString(record.timestamp() * 1_000_000L));
        }
        byte[] key = record.key() == null ? new byte[0] : plainBytes(record.key());
        if (record.value() == null) {
            return Record.of(position, Operation.DELETE, metadata, key, Payload.EMPTY);
        }
        return Record.of(position, Operation.CREATE, metadata, key, Payload.after(plainBytes(record.value())));
    }

    /** The position of a Kafka record. */
    public static Position position(String topic, int partition, long offset) {
        return Position.of(PREFIX + topic + ":" + partition + ":" + offset);
    }

    /** The offset of a position made by {@link #position}. */
    public static long offset(Position position) {
        String text = position.printable();
        return Long.parseLong(text.substring(text.lastIndexOf(':') + 1));
    }

    private static Optional<Record> envelope(Object value) {
        return switch (value) {
            case Struct struct when OpenCdcSchema.describes(struct.schema()) -> Optional.of(fromStruct(struct));
            case Map<?, ?> map when map.containsKey("operation") && map.containsKey("payload") ->
                    fromJson(ConnectJson.toJson(map));
            case String text -> looksLikeEnvelope(text) ? parse(text) : Optional.empty();
            case byte[] bytes -> bytes.length > 0 && bytes[0] == '{'
                    ? envelope(new String(bytes, StandardCharsets.UTF_8)) : Optional.empty();
            case null, default -> Optional.empty();
        };
    }

    private static boolean looksLikeEnvelope(String text) {
        return text.startsWith("{") && text.contains("\"operation\"") && text.contains("\"payload\"");
    }

    /** Empty for text that is no JSON, or more than one value: kept whole as a plain value, never cut short. */
    private static Optional<Record> parse(String text) {
        try {
            return fromJson(Json.readOne(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A JSON envelope: the position may be printable text (as this connector's source writes it) or base64. */
    private static Optional<Record> fromJson(JsonNode node) {
        if (!(node instanceof ObjectNode object) || !object.has("operation")) {
            return Optional.empty();
        }
        ObjectNode copy = object.deepCopy();
        JsonNode position = copy.remove("position");
        try {
            Record record = RecordJson.read(copy.toString());
            Position kept = position == null || position.isNull() ? new Position(new byte[0]) : Position.of(position.asText());
            return Optional.of(new Record(kept, record.operation(), record.metadata(), record.key(), record.payload()));
        } catch (MalformedRecordException e) {
            return Optional.empty();
        }
    }

    private static Record fromStruct(Struct struct) {
        Struct payload = struct.getStruct("payload");
        Map<String, String> metadata = struct.getMap("metadata");
        return Record.of(Position.of(struct.getString("position")), Operation.fromWireName(struct.getString("operation")),
                metadata == null ? Map.of() : metadata, OpenCdcSchema.bytes(struct.get("key")).orElse(new byte[0]),
                new Payload(OpenCdcSchema.bytes(payload.get("before")), OpenCdcSchema.bytes(payload.get("after"))));
    }

    private static byte[] plainBytes(Object value) {
        return switch (value) {
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case byte[] bytes -> bytes;
            case java.nio.ByteBuffer buffer -> OpenCdcSchema.bytes(buffer).orElseThrow();
            default -> ConnectJson.toJson(value).toString().getBytes(StandardCharsets.UTF_8);
        };
    }
}
