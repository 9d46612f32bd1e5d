package io.s3conn.kafka.connect.sink;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Payload;
import io.s3conn.core.record.Record;
import io.s3conn.destination.s3.ObjectNamer;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.kafka.connect.config.SinkConfig;
import io.s3conn.kafka.connect.record.SinkRecords;

class OwnObjectsGuardTest {

    private static final S3DestinationConfiguration SINK = sink(Map.of("prefix", "loop"));

    @Test
    void aRecordOfAnObjectTheSinkStoredFailsTheTaskWithOneLineNamingItWhereTheSinkStoresAndTheRemedy() {
        String key = storedName(SINK);

        assertThatThrownBy(() -> new OwnObjectsGuard(SINK).check(record("demo", key)))
                .isInstanceOf(ConnectException.class)
                .hasMessage("record 17 of demo-0 is the object s3://demo/" + key + ", named as this sink names the objects it"
                        + " stores under s3://demo/loop/: a source connector reads them back into its topic, and the sink would"
                        + " store each again without end; give the sink another bucket or prefix, or the source a prefix that"
                        + " leaves s3://demo/loop/ out (nothing of this record's batch was stored)");
    }

    @Test
    void aRecordOfAnObjectOfAKeyTemplateAndCompressionOfTheSinksOwnIsRefused() {
        S3DestinationConfiguration sink = sink(Map.of("key-template", "{ext}/{HH}/{id}", "compression", "gzip"));

        assertThatThrownBy(() -> new OwnObjectsGuard(sink).check(record("demo", storedName(sink))))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aRecordOfAnotherObjectUnderTheSinksPrefixPasses() {
        assertThatCode(() -> new OwnObjectsGuard(SINK).check(record("demo", "loop/notes.txt"))).doesNotThrowAnyException();
    }

    /** Replication between two servers whose buckets have the same name: the keys are not the sink's names. */
    @Test
    void aRecordOfAnObjectUnderAnotherPrefixNamedAsTheSinkNamesItsOwnPasses() {
        String key = storedName(SINK).replaceFirst("^loop/", "other/");

        assertThatCode(() -> new OwnObjectsGuard(SINK).check(record("demo", key))).doesNotThrowAnyException();
    }

    @Test
    void aRecordOfAnObjectNamedAsTheSinksInAnotherBucketPasses() {
        assertThatCode(() -> new OwnObjectsGuard(SINK).check(record("photos", storedName(SINK)))).doesNotThrowAnyException();
    }

    @Test
    void aRecordOfAnObjectNamedAsTheSinksOfAnotherFormatPasses() {
        String key = storedName(sink(Map.of("prefix", "loop", "format", "parquet")));

        assertThatCode(() -> new OwnObjectsGuard(SINK).check(record("demo", key))).doesNotThrowAnyException();
    }

    @Test
    void aRecordWithoutAnObjectsMetadataPasses() {
        Record plain = Record.of(SinkRecords.position("demo", 0, 17), Operation.CREATE, Map.of(SinkRecords.KAFKA_OFFSET, "17"),
                new byte[0], Payload.after(new byte[] {1}));

        assertThatCode(() -> new OwnObjectsGuard(SINK).check(plain)).doesNotThrowAnyException();
    }

    /** The line is the first of the task's trace: a newline of the prefix must not start a line of its own there. */
    @Test
    void aControlCharacterOfTheSinksPrefixIsEscapedInTheLine() {
        S3DestinationConfiguration sink = sink(Map.of("prefix", "lo\nop"));

        assertThatThrownBy(() -> new OwnObjectsGuard(sink).check(record("demo", storedName(sink))))
                .hasMessageNotContaining("\n").hasMessageContaining("s3://demo/lo\\x0aop/");
    }

    /** Bucket {@code demo}, JSON lines, with {@code settings} over those. */
    private static S3DestinationConfiguration sink(Map<String, String> settings) {
        Map<String, String> props = new HashMap<>(Map.of("bucket", "demo", "format", "json"));
        props.putAll(settings);
        return new SinkConfig(props).destination();
    }

    /** The name {@code sink} gives a batch starting with offset 0 of {@code demo-0}, as its task names it. */
    private static String storedName(S3DestinationConfiguration sink) {
        return ObjectNamer.name(sink.prefix(), sink.keyTemplate(), Instant.parse("2026-12-03T16:00:00Z"),
                SinkRecords.position("demo", 0, 0).bytes(), sink.format().extension());
    }

    /** Record 17 of {@code demo-0}, as the source connector emits it for object {@code key} of {@code bucket}. */
    private static Record record(String bucket, String key) {
        return Record.of(SinkRecords.position("demo", 0, 17), Operation.CREATE, Map.of(Metadata.S3_BUCKET, bucket,
                Metadata.S3_KEY, key, SinkRecords.KAFKA_TOPIC, "demo", SinkRecords.KAFKA_PARTITION, "0",
                SinkRecords.KAFKA_OFFSET, "17"), key.getBytes(StandardCharsets.UTF_8), Payload.after(new byte[] {1}));
    }
}
