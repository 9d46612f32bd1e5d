package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.s3conn.kafka.connect.sink.S3SinkConnector;
import io.s3conn.kafka.connect.source.S3SourceConnector;

/**
 * A Kafka client setting of a connector's configuration that its client would ignore (misspelt), that Connect would
 * ignore (written as the workers' properties write it) or that its client would refuse (a value out of its range) is
 * refused when the connector is validated. Without bucket, no validation here sends S3 a request.
 */
class ClientOverridesTest {

    @Test
    void aMisspeltConsumerOverrideIsRefusedNamingTheSettingMeant() {
        assertThat(sinkErrorsOf("consumer.override.isolaton.level", "read_committed")).containsExactly(
                "consumer.override.isolaton.level is no setting of the consumer, which would ignore it: "
                        + "did you mean consumer.override.isolation.level?");
    }

    @Test
    void aClientSettingWrittenAsTheWorkersWriteItIsRefusedNamingTheOverrideMeant() {
        assertThat(sinkErrorsOf("consumer.isolation.level", "read_committed")).containsExactly(
                "consumer.isolation.level is no setting of this connector, which Connect would ignore (consumer.* is the "
                        + "workers' own, in their properties): did you mean consumer.override.isolation.level?");
    }

    @Test
    void anOverrideWithOverrideMisspeltIsRefusedNamingTheOverrideMeant() {
        assertThat(sourceErrorsOf("producer.overide.max.request.size", "2097152")).containsExactly(
                "producer.overide.max.request.size is no setting of this connector, which Connect would ignore: "
                        + "did you mean producer.override.max.request.size?");
    }

    @Test
    void aMisspeltOverrideOfASecretIsShownHidden() {
        Config validated = new S3SourceConnector().validate(Map.of("topic", "t",
                "producer.override.sasl.jaas.confg", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"p\";"));

        assertThat(validated.configValues()).filteredOn(v -> v.name().equals("producer.override.sasl.jaas.confg"))
                .singleElement().extracting(v -> String.valueOf(v.value())).isEqualTo("[hidden]");
    }

    @Test
    void aProducerOverrideTheProducerWouldRefuseIsRefusedWithItsReason() {
        assertThat(sourceErrorsOf("producer.override.acks", "2")).containsExactly(
                "Invalid value 2 for configuration producer.override.acks: String must be one of: all, -1, 0, 1");
    }

    @Test
    void anAdminOverrideOutOfItsRangeIsRefusedWithItsReason() {
        assertThat(sinkErrorsOf("admin.override.request.timeout.ms", "-1")).singleElement().asString()
                .startsWith("Invalid value -1 for configuration admin.override.request.timeout.ms: Value must be at least 0");
    }

    @Test
    void wellFormedOverridesAndSettingsNearNoClientSettingAreAccepted() {
        // An interceptor or a metrics reporter reads settings of its own from its client's configuration.
        Config validated = new S3SinkConnector().validate(Map.of("format", "json", "topics", "t",
                "consumer.override.isolation.level", "read_committed", "consumer.override.my.interceptor.region", "eu",
                "producer.override.max.request.size", "2097152", "producer.my.reporter.endpoint", "http://127.0.0.1:1"));

        assertThat(validated.configValues()).extracting(ConfigValue::name).doesNotContain("consumer.override.isolation.level",
                "consumer.override.my.interceptor.region", "producer.override.max.request.size", "producer.my.reporter.endpoint");
    }

    /** What the sink's validation says of {@code key} given {@code value}. */
    private static List<String> sinkErrorsOf(String key, String value) {
        return ValidationErrors.of(new S3SinkConnector().validate(Map.of("format", "json", "topics", "t", key, value)), key);
    }

    /** What the source's validation says of {@code key} given {@code value}. */
    private static List<String> sourceErrorsOf(String key, String value) {
        return ValidationErrors.of(new S3SourceConnector().validate(Map.of("topic", "t", key, value)), key);
    }
}
