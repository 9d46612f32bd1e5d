package io.s3conn.core.record;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.s3conn.core.json.ExtraJsonValueException;
import io.s3conn.core.json.Json;
import io.s3conn.core.json.JsonErrors;

/**
 * The JSON form of a {@link Record}, as Conduit writes OpenCDC records: raw bytes (position, key,
 * payload sides) as standard base64 strings, structured data (a key or payload side that is a JSON
 * object) as that object, metadata as an object of strings, absent payload sides as {@code null}.
 * One record is one line.
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
            json.writeFieldName("key");
            writeData(json, record.key(), record.structured().contains(DataPart.KEY));
            json.writeObjectFieldStart("payload");
            writeSide(json, "before", record.payload().before(), record.structured().contains(DataPart.BEFORE));
            writeSide(json, "after", record.payload().after(), record.structured().contains(DataPart.AFTER));
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Reads one line of JSON back. Structured keys and payloads (JSON objects, which Conduit allows) are kept
     * as their compact JSON text in UTF-8, numbers exactly as written, and marked {@linkplain Record#structured()
     * structured}, so that {@link #write} gives them back as objects. A position that is not base64 is taken as
     * its text: the printable form s3conn's Kafka Connect source writes ({@code s3conn:v1:...}).
     *
     * @throws MalformedRecordException when the line is not a record
     */
    public static Record read(String line) {
        Optional<JsonNode> root;
        try {
            root = Json.readOneExact(line);
        } catch (ExtraJsonValueException e) {
            throw new MalformedRecordException("more than one JSON value on the line" + JsonErrors.column(e.getLocation()));
        } catch (StreamConstraintsException e) {
            // Its message names the limit and numbers only, never the line's text; it has no location.
            throw new MalformedRecordException(JsonErrors.problem(e));
        } catch (JsonProcessingException e) {
            // What the parser expected, never the line's text, which may hold anything.
            throw new MalformedRecordException("not valid JSON: " + JsonErrors.problem(e) + JsonErrors.column(e.getLocation()));
        }
        // A blank line holds no value: not a JSON object either, as read(JsonNode) says.
        return read(root.orElseGet(MissingNode::getInstance));
    }

    /**
     * A record from its JSON form already parsed, as {@link #read(String)} reads it.
     *
     * @throws MalformedRecordException when {@code root} is not a record
     */
    public static Record read(JsonNode root) {
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
                // asText() of null is the word "null", a value the record never had.
                metadata.put(field.getKey(), value.isNull() ? null : value.asText());
            }
        }
        byte[] position = position(root.get("position"));
        Set<DataPart> structured = EnumSet.noneOf(DataPart.class);
        byte[] key = data(root.get("key"), "key").orElse(new byte[0]);
        markStructured(root.get("key"), DataPart.KEY, structured);
        JsonNode payload = root.get("payload");
        Optional<byte[]> before = Optional.empty();
        Optional<byte[]> after = Optional.empty();
        if (payload != null && !payload.isNull()) {
            if (!payload.isObject()) {
                throw new MalformedRecordException("\"payload\" must be an object with \"before\" and \"after\"");
            }
            before = data(payload.get("before"), "payload.before");
            after = data(payload.get("after"), "payload.after");
            markStructured(payload.get("before"), DataPart.BEFORE, structured);
            markStructured(payload.get("after"), DataPart.AFTER, structured);
        }
        return Record.of(new Position(position), operation, metadata, key, new Payload(before, after), structured);
    }

    private static void writeSide(JsonGenerator json, String name, Optional<byte[]> side, boolean structured)
            throws IOException {
        json.writeFieldName(name);
        if (side.isPresent()) {
            writeData(json, side.get(), structured);
        } else {
            json.writeNull();
        }
    }

    /** Raw bytes as base64; structured data as its object, checked so that a wrong one cannot break the line. */
    private static void writeData(JsonGenerator json, byte[] data, boolean structured) throws IOException {
        if (!structured) {
            json.writeString(base64(data));
            return;
        }
        Optional<JsonNode> object;
        try {
            object = Json.readOneExact(new String(data, StandardCharsets.UTF_8)).filter(JsonNode::isObject);
        } catch (JsonProcessingException e) {
            object = Optional.empty();
        }
        json.writeTree(object.orElseThrow(
                () -> new IllegalArgumentException("structured data must be the JSON text of an object")));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** Base64 as OpenCDC writes positions, else the text itself (a printable position); none is empty. */
    private static byte[] position(JsonNode node) {
        if (node != null && node.isTextual()) {
            try {
                return Base64.getDecoder().decode(node.asText());
            } catch (IllegalArgumentException notBase64) {
                return node.asText().getBytes(StandardCharsets.UTF_8);
            }
        }
        return data(node, "position").orElse(new byte[0]);
    }

    private static void markStructured(JsonNode node, DataPart part, Set<DataPart> structured) {
        if (node != null && node.isObject()) {
            structured.add(part);
        }
    }

    /** Data from base64, or a structured object as its JSON text; none is empty. */
    private static Optional<byte[]> data(JsonNode node, String field) {
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
