package io.s3conn.kafka.connect.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.s3conn.core.record.DataPart;
import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Payload;
import io.s3conn.core.record.Position;
import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;

class SinkRecordsTest {

    private static final Record OBJECT = Record.of(Position.of("s3conn:v1:snapshot:1700000000000:YQ"), Operation.UPDATE,
            Map.of("s3.key", "a", "opencdc.createdAt", "1700000000000000000"), "a".getBytes(StandardCharsets.UTF_8),
            new Payload(Optional.of(new byte[] {1}), Optional.of(new byte[] {0, -1})));

    @Test
    void anOpenCdcStructKeepsItsEnvelopeAndTheSourcePositionMovesToMetadata() {
        Record stored = SinkRecords.toRecord(record(OpenCdcSchema.VALUE, OpenCdcSchema.struct(OBJECT)));

        assertThat(stored.operation()).isEqualTo(Operation.UPDATE);
        assertThat(stored.key()).isEqualTo(OBJECT.key());
        assertThat(stored.payload()).isEqualTo(OBJECT.payload());
        assertThat(stored.metadata()).containsEntry("s3.key", "a")
                .containsEntry(SinkRecords.SOURCE_POSITION, OBJECT.position().printable())
                .containsEntry(SinkRecords.KAFKA_TOPIC, "t").containsEntry(SinkRecords.KAFKA_PARTITION, "2")
                .containsEntry(SinkRecords.KAFKA_OFFSET, "42");
        assertThat(stored.position().printable()).isEqualTo("kafka:t:2:42");
    }

    @Test
    void anOpenCdcStructThroughTheJsonConverterWithSchemasKeepsItsEnvelope() {
        assertThat(throughJson(true)).isEqualTo(SinkRecords.toRecord(record(OpenCdcSchema.VALUE, OpenCdcSchema.struct(OBJECT))));
    }

    @Test
    void anOpenCdcStructThroughTheJsonConverterWithoutSchemasArrivesAsAMapAndKeepsItsEnvelope() {
        assertThat(throughJson(false)).isEqualTo(SinkRecords.toRecord(record(OpenCdcSchema.VALUE, OpenCdcSchema.struct(OBJECT))));
    }

    @Test
    void anOpenCdcJsonStringKeepsItsEnvelope() {
        String json = new String(new JsonConverter() {{
            configure(Map.of("schemas.enable", "false"), false);
        }}.fromConnectData("t", OpenCdcSchema.VALUE, OpenCdcSchema.struct(OBJECT)), StandardCharsets.UTF_8);

        Record stored = SinkRecords.toRecord(record(Schema.STRING_SCHEMA, json));

        assertThat(stored.operation()).isEqualTo(Operation.UPDATE);
        assertThat(stored.payload()).isEqualTo(OBJECT.payload());
    }

    @Test
    void anOpenCdcJsonStringWithTextAfterItIsStoredWholeAsAPlainValue() {
        String value = "{\"operation\":\"delete\",\"payload\":{\"before\":null,\"after\":null}} and more";

        Record stored = SinkRecords.toRecord(record(Schema.STRING_SCHEMA, value));

        assertThat(stored.operation()).isEqualTo(Operation.CREATE);
        assertThat(stored.payload().after()).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo(value));
    }

    @Test
    void aPlainStringIsACreateWithTheStringAsPayloadAndTheRecordTimeAsCreatedAt() {
        Record stored = SinkRecords.toRecord(record(Schema.STRING_SCHEMA, "hello"));

        assertThat(stored.operation()).isEqualTo(Operation.CREATE);
        assertThat(stored.payload().after()).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("hello"));
        assertThat(stored.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(stored.metadata()).containsEntry("opencdc.createdAt", "1700000000123000000");
    }

    @Test
    void bytesAreStoredAsTheyAre() {
        Record stored = SinkRecords.toRecord(record(Schema.BYTES_SCHEMA, new byte[] {7, 8, 9}));

        assertThat(stored.payload().after()).hasValue(new byte[] {7, 8, 9});
    }

    @Test
    void anyOtherStructIsStoredAsJson() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("name", Schema.STRING_SCHEMA).build();

        Record stored = SinkRecords.toRecord(record(schema, new Struct(schema).put("id", 7).put("name", "x")));

        assertThat(new String(stored.payload().after().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":7,\"name\":\"x\"}");
    }

    /** The schema's name is anyone's to give: a Struct that holds no OpenCDC record under it is a plain value. */
    @Test
    void aStructNamedAsAnOpenCdcRecordWithAnUnknownOperationIsStoredAsJson() {
        Struct value = new Struct(OpenCdcSchema.VALUE).put("position", "p").put("operation", "upsert").put("metadata", Map.of())
                .put("key", new byte[0]).put("payload", new Struct(OpenCdcSchema.PAYLOAD));

        Record stored = SinkRecords.toRecord(record(OpenCdcSchema.VALUE, value));

        assertThat(stored.operation()).isEqualTo(Operation.CREATE);
        assertThat(new String(stored.payload().after().orElseThrow(), StandardCharsets.UTF_8)).contains("\"operation\":\"upsert\"");
    }

    @Test
    void aMapThatIsNoEnvelopeIsStoredAsJson() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("operation", "not an OpenCDC record without payload");

        Record stored = SinkRecords.toRecord(record(null, value));

        assertThat(stored.operation()).isEqualTo(Operation.CREATE);
        assertThat(new String(stored.payload().after().orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("{\"operation\":\"not an OpenCDC record without payload\"}");
    }

    @Test
    void theBase64PositionOfAConduitJsonValueMovesToMetadataInItsPrintableForm() {
        String conduit = "{\"position\":\"c3RhbmRpbmc=\",\"operation\":\"create\",\"metadata\":{},\"key\":\"aw==\","
                + "\"payload\":{\"before\":null,\"after\":\"eA==\"}}";

        Record stored = SinkRecords.toRecord(record(Schema.STRING_SCHEMA, conduit));

        assertThat(stored.metadata()).containsEntry(SinkRecords.SOURCE_POSITION, "standing");
    }

    @Test
    void structuredDataOfAnOpenCdcJsonValueStaysStructuredWithItsNumbersExact() {
        String conduit = "{\"position\":\"cDE=\",\"operation\":\"update\",\"metadata\":{},\"key\":{\"id\":7},"
                + "\"payload\":{\"before\":null,\"after\":{\"id\":7,\"price\":0.1000000000000000000001}}}";

        Record stored = SinkRecords.toRecord(record(Schema.STRING_SCHEMA, conduit));

        assertThat(RecordJson.write(stored)).contains("\"key\":{\"id\":7}",
                "\"after\":{\"id\":7,\"price\":0.1000000000000000000001}");
    }

    @Test
    void anyOtherStructIsStructuredDataThatJsonLinesWriteAsAnObject() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();

        Record stored = SinkRecords.toRecord(record(schema, new Struct(schema).put("id", 7)));

        assertThat(stored.structured()).containsExactly(DataPart.AFTER);
        assertThat(RecordJson.write(stored)).contains("\"after\":{\"id\":7}");
    }

    @Test
    void aStringValueIsRawData() {
        Record stored = SinkRecords.toRecord(record(Schema.STRING_SCHEMA, "{\"not\":\"an envelope\"}"));

        assertThat(stored.structured()).isEmpty();
    }

    @Test
    void aTombstoneIsADelete() {
        Record stored = SinkRecords.toRecord(record(null, null));

        assertThat(stored.operation()).isEqualTo(Operation.DELETE);
        assertThat(stored.payload()).isEqualTo(Payload.EMPTY);
    }

    @Test
    void recordsOfTwoTopicsRoutedToOneNameKeepTheTopicTheyWereReadFromInPositionAndMetadata() {
        SinkRecord fromEu = routed("orders-eu", "orders");
        SinkRecord fromUs = routed("orders-us", "orders");

        Record eu = SinkRecords.toRecord(fromEu);
        Record us = SinkRecords.toRecord(fromUs);

        assertThat(eu.position().printable()).isEqualTo("kafka:orders-eu:0:7");
        assertThat(us.position().printable()).isEqualTo("kafka:orders-us:0:7");
        assertThat(us.metadata()).containsEntry(SinkRecords.KAFKA_TOPIC, "orders-us")
                .containsEntry(Metadata.OPENCDC_COLLECTION, "orders");
    }

    /** A record read at offset 7 of partition 0 of {@code topic}, renamed {@code routedTo} as RegexRouter does. */
    private static SinkRecord routed(String topic, String routedTo) {
        SinkRecord read = new SinkRecord(topic, 0, Schema.STRING_SCHEMA, "k", Schema.STRING_SCHEMA, "v", 7, 1_700_000_000_123L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME);
        return read.newRecord(routedTo, read.kafkaPartition(), read.keySchema(), read.key(), read.valueSchema(), read.value(),
                read.timestamp());
    }

    private static Record throughJson(boolean schemas) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", String.valueOf(schemas)), false);
        byte[] bytes = converter.fromConnectData("t", OpenCdcSchema.VALUE, OpenCdcSchema.struct(OBJECT));
        SchemaAndValue back = converter.toConnectData("t", bytes);
        return SinkRecords.toRecord(record(back.schema(), back.value()));
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("t", 2, Schema.STRING_SCHEMA, "k", schema, value, 42, 1_700_000_000_123L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

}
