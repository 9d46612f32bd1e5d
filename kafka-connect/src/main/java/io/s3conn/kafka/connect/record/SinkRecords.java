package io.s3conn.kafka.connect.record;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import io.s3conn.core.json.Json;
import io.s3conn.core.record.DataPart;
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
 * object: {@code operation} and {@code payload}) keeps its envelope: operation, metadata, key and payload, structured
 * data staying structured; its own position (base64 as Conduit and {@code s3conn source read} write it, or printable
 * text as this connector's source does) moves to the metadata key {@link #SOURCE_POSITION} in its printable form. Any
 * other value (text after such an object included, so that nothing is cut off) is a {@code create} whose
 * {@code payload.after} is the value (Structs and Maps as structured data, strings as UTF-8, bytes as they are); a
 * null value (a tombstone) is a {@code delete}. A Struct or Map key is structured data too.
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

    /**
     * The record to store. Its position and {@code kafka.*} metadata name where it was read: the topic partition
     * before any transformation renamed it ({@code RegexRouter}), so that records of two topics routed to one name
     * keep positions of their own, and batches of theirs distinct object names, instead of overwriting each other.
     */
    public static Record toRecord(SinkRecord record) {
        Position position = position(record.originalTopic(), record.originalKafkaPartition(), record.originalKafkaOffset());
        Map<String, String> kafka = Map.of(KAFKA_TOPIC, record.originalTopic(),
                KAFKA_PARTITION, Integer.toString(record.originalKafkaPartition()),
                KAFKA_OFFSET, Long.toString(record.originalKafkaOffset()));
        Optional<Record> envelope = envelope(record.value());
        if (envelope.isPresent()) {
            Record inner = envelope.get();
            Map<String, String> metadata = new TreeMap<>(inner.metadata());
            metadata.putAll(kafka);
            if (inner.position().bytes().length > 0) {
                metadata.put(SOURCE_POSITION, inner.position().printable());
            }
            return Record.of(position, inner.operation(), metadata, inner.key(), inner.payload(), inner.structured());
        }
        Map<String, String> metadata = new TreeMap<>(kafka);
        metadata.put(Metadata.OPENCDC_VERSION, Metadata.OPENCDC_VERSION_V1);
        metadata.put(Metadata.OPENCDC_COLLECTION, record.topic());
        if (record.timestamp() != null && record.timestamp() >= 0) {
            metadata.put(Metadata.OPENCDC_CREATED_AT, Long.toString(record.timestamp() * 1_000_000L));
        }
        Set<DataPart> structured = EnumSet.noneOf(DataPart.class);
        if (isStructured(record.key())) {
            structured.add(DataPart.KEY);
        }
        byte[] key = record.key() == null ? new byte[0] : plainBytes(record.key());
        if (record.value() == null) {
            return Record.of(position, Operation.DELETE, metadata, key, Payload.EMPTY, structured);
        }
        if (isStructured(record.value())) {
            structured.add(DataPart.AFTER);
        }
        return Record.of(position, Operation.CREATE, metadata, key, Payload.after(plainBytes(record.value())), structured);
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
            case Struct struct when OpenCdcSchema.describes(struct.schema()) -> fromStruct(struct);
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
            return Json.readOneExact(text).flatMap(SinkRecords::fromJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<Record> fromJson(JsonNode node) {
        if (!(node instanceof ObjectNode object) || !object.has("operation")) {
            return Optional.empty();
        }
        try {
            return Optional.of(RecordJson.read(object));
        } catch (MalformedRecordException e) {
            return Optional.empty();
        }
    }

    /**
     * The record a Struct named as this connector's records holds; empty when it holds none (a field missing, null or
     * of another type, an unknown operation), so that it is stored as a plain value, as a JSON value that is no OpenCDC
     * record is, instead of failing the task: the name alone is anyone's to give a schema.
     */
    private static Optional<Record> fromStruct(Struct struct) {
        try {
            Struct payload = struct.getStruct("payload");
            String operation = struct.getString("operation");
            if (payload == null || operation == null) {
                return Optional.empty();
            }
            Map<String, String> metadata = struct.getMap("metadata");
            String position = struct.getString("position");
            return Optional.of(Record.of(Position.of(position == null ? "" : position), Operation.fromWireName(operation),
                    metadata == null ? Map.of() : metadata, OpenCdcSchema.bytes(struct.get("key")).orElse(new byte[0]),
                    new Payload(OpenCdcSchema.bytes(payload.get("before")), OpenCdcSchema.bytes(payload.get("after")))));
        } catch (DataException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Connect data that is a JSON object: OpenCDC's structured data. */
    private static boolean isStructured(Object value) {
        return value instanceof Struct || value instanceof Map<?, ?>;
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
