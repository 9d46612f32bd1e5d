package io.s3conn.kafka.connect.record;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Connect data (Structs, Maps, Lists, primitives) as JSON, close to the way the JSON converter without schemas writes
 * it: bytes as base64 strings, Timestamp and Time as milliseconds. Two logical types differ, for readers without the
 * schema: a Decimal is a JSON number (the converter's {@code decimal.format=NUMERIC}, not its base64 default), and a
 * Date is milliseconds since the epoch like a Timestamp (the converter writes days).
 */
final class ConnectJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConnectJson() {
    }

    static JsonNode toJson(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case Struct struct -> {
                ObjectNode node = NODES.objectNode();
                for (Field field : struct.schema().fields()) {
                    node.set(field.name(), toJson(struct.get(field)));
                }
                yield node;
            }
            case Map<?, ?> map -> {
                ObjectNode node = NODES.objectNode();
                map.forEach((k, v) -> node.set(String.valueOf(k), toJson(v)));
                yield node;
            }
            case Collection<?> list -> {
                ArrayNode node = NODES.arrayNode();
                list.forEach(item -> node.add(toJson(item)));
                yield node;
            }
            case byte[] bytes -> NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            case ByteBuffer buffer -> toJson(OpenCdcSchema.bytes(buffer).orElseThrow());
            case String text -> NODES.textNode(text);
            case Boolean bool -> NODES.booleanNode(bool);
            case Integer number -> NODES.numberNode(number);
            case Long number -> NODES.numberNode(number);
            case Short number -> NODES.numberNode(number);
            case Byte number -> NODES.numberNode(number);
            case Float number -> NODES.numberNode(number);
            case Double number -> NODES.numberNode(number);
            case java.math.BigDecimal number -> NODES.numberNode(number);
            case java.util.Date date -> NODES.numberNode(date.getTime());
            default -> NODES.textNode(value.toString());
        };
    }
}
