package io.s3conn.core.record;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.s3conn.core.json.ExtraJsonValueException;
import io.s3conn.core.json.Json;

/**
 * The JSON form of a {@link Record}, as Conduit writes OpenCDC records: raw bytes (position, key,
 * payload sides) as standard base64 strings, metadata as an object of strings, absent payload
 * sides as {@code null}. One record is one line.
 *
 * <pre>{"position":"...","operation":"create","metadata":{"opencdc.version":"v1",...},"key":"...","payload":{"before":null,"after":"..."}}</pre>
 */
public final class RecordJson {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private RecordJson() {
    }

    /** The record as one line of JSON (no line break). */
    public static String write(Record record) {
        StringWriter out = new StringWriter(256 + record.payload().after().map(b -> b.length * 4 / 3).orElse(0));
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("position", base64(record.position().bytes()));
            json.writeStringField("operation", record.operation().wireName());
            json.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> entry : record.metadata().entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeStringField("key", base64(record.key()));
            json.writeObjectFieldStart("payload");
            writeSide(json, "before", record.payload().before());
            writeSide(json, "after", record.payload().after());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Reads one line of JSON back. Structured keys and payloads (JSON objects, which Conduit allows)
     * are kept as their compact JSON text in UTF-8.
     *
     * @throws MalformedRecordException when the line is not a record
     */
    public static Record read(String line) {
        JsonNode root;
        try {
            root = Json.readOne(line);
        } catch (ExtraJsonValueException e) {
            throw new MalformedRecordException("more than one JSON value on the line (column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("not valid JSON (column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRecordException("not a JSON object");
        }
        String operationName = text(root, "operation").orElseThrow(() -> new MalformedRecordException("no \"operation\""));
        Operation operation;
        try {
            operation = Operation.fromWireName(operationName);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(e.getMessage());
        }
        Map<String, String> metadata = new TreeMap<>();
        JsonNode metadataNode = root.get("metadata");
        if (metadataNode != null && !metadataNode.isNull()) {
            if (!metadataNode.isObject()) {
                throw new MalformedRecordException("\"metadata\" must be an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = metadataNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                // asText() of an object or array is "": its content would vanish from the stored record.
                if (value.isContainerNode()) {
                    throw new MalformedRecordException("\"metadata\".\"" + field.getKey() + "\" must be a string");
                }
                metadata.put(field.getKey(), value.asText());
            }
        }
        byte[] position = bytes(root.get("position"), "position").orElse(new byte[0]);
        byte[] key = bytes(root.get("key"), "key").orElse(new byte[0]);
        JsonNode payload = root.get("payload");
        Optional<byte[]> before = Optional.empty();
        Optional<byte[]> after = Optional.empty();
        if (payload != null && !payload.isNull()) {
            if (!payload.isObject()) {
                throw new MalformedRecordException("\"payload\" must be an object with \"before\" and \"after\"");
            }
            before = bytes(payload.get("before"), "payload.before");
            after = bytes(payload.get("after"), "payload.after");
        }
        return Record.of(new Position(position), operation, metadata, key, new Payload(before, after));
    }

    private static void writeSide(JsonGenerator json, String name, Optional<byte[]> side) throws IOException {
        if (side.isPresent()) {
            json.writeStringField(name, base64(side.get()));
        } else {
            json.writeNullField(name);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<byte[]> bytes(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            try {
                return Optional.of(Base64.getDecoder().decode(node.asText()));
            } catch (IllegalArgumentException e) {
                throw new MalformedRecordException("\"" + field + "\" is not base64");
            }
        }
        if (node.isObject()) {
            return Optional.of(node.toString().getBytes(StandardCharsets.UTF_8));
        }
        throw new MalformedRecordException("\"" + field + "\" must be a base64 string or an object");
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
