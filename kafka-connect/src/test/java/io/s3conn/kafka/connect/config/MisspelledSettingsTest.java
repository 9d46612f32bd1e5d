package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.s3conn.kafka.connect.sink.S3SinkConnector;
import io.s3conn.kafka.connect.source.S3SourceConnector;

/** A setting written as other connectors write theirs, or misspelt, is refused, naming the setting meant, instead of ignored. */
class MisspelledSettingsTest {

    @Test
    void aSecretKeyWithAnAwsPrefixAndDotsIsRefusedNamingTheSettingMeant() {
        Config validated = new S3SinkConnector().validate(Map.of("bucket", "b", "format", "json",
                "access-key-id", "AKIA1", "aws.secret.access.key", "s"));

        assertThat(ValidationErrors.of(validated, "aws.secret.access.key")).containsExactly(
                "aws.secret.access.key is no setting of this connector, which would ignore it: did you mean secret-access-key?");
    }

    @Test
    void aSettingInCamelCaseIsRefusedNamingTheSettingMeant() {
        Config validated = new S3SourceConnector().validate(Map.of("bucket", "b", "topic", "t", "pollingPeriod", "5s"));

        assertThat(ValidationErrors.of(validated, "pollingPeriod")).singleElement().asString().endsWith("did you mean polling-period?");
    }

    @Test
    void connectsOwnSettingsAreNotTakenForMisspellings() {
        // Without bucket: a configuration with an error asks no S3 endpoint whether it answers.
        Config validated = new S3SinkConnector().validate(Map.of("format", "json", "topics", "t",
                "tasks.max", "2", "errors.tolerance", "all", "transforms", "route"));

        assertThat(validated.configValues()).extracting(ConfigValue::name)
                .doesNotContain("topics", "tasks.max", "errors.tolerance", "transforms");
    }

    @Test
    void aSettingWithALetterMissingIsRefusedNamingTheSettingMeant() {
        Config validated = new S3SinkConnector().validate(Map.of("format", "json", "topics", "t", "flush-intervl", "1m"));

        assertThat(ValidationErrors.of(validated, "flush-intervl")).containsExactly(
                "flush-intervl is no setting of this connector, which would ignore it: did you mean flush-interval?");
    }

    @Test
    void theFirstWordsOfOneSettingAreRefusedNamingThatSetting() {
        Config validated = new S3SourceConnector().validate(Map.of("topic", "t", "endpoint", "http://127.0.0.1:9000"));

        assertThat(ValidationErrors.of(validated, "endpoint")).singleElement().asString().endsWith("did you mean endpoint-url?");
    }

    @Test
    void topicsGivenToTheSourceIsRefusedNamingTopic() {
        Config validated = new S3SourceConnector().validate(Map.of("topic", "t", "topics", "t"));

        assertThat(ValidationErrors.of(validated, "topics")).singleElement().asString().endsWith("did you mean topic?");
    }

    @Test
    void aMisspeltEndpointIsShownWithoutItsUserInfo() {
        Config validated = new S3SourceConnector().validate(Map.of("topic", "t", "endpoint-uri", "http://s3conn:pw@127.0.0.1:9000"));

        assertThat(validated.configValues()).filteredOn(value -> value.name().equals("endpoint-uri"))
                .extracting(ConfigValue::value).containsExactly("http://127.0.0.1:9000");
    }

    /** Connect configures a connector's converter from its value.converter.* keys only when value.converter is given too. */
    @Test
    void aConverterSettingWithoutItsConverterIsRefusedNamingTheConverterSetting() {
        Config validated = new S3SinkConnector().validate(Map.of("format", "json", "topics", "t",
                "value.converter.schemas.enable", "false"));

        assertThat(ValidationErrors.of(validated, "value.converter.schemas.enable")).containsExactly(
                "value.converter.schemas.enable is ignored: Connect passes a connector's value.converter.* settings only to a "
                        + "value.converter set in the same configuration (else the workers' converter is used, with the workers' "
                        + "settings); set value.converter too");
    }

    @Test
    void aConverterSettingWithItsConverterIsAccepted() {
        Config validated = new S3SourceConnector().validate(Map.of("topic", "t",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable", "false"));

        assertThat(validated.configValues()).extracting(ConfigValue::name).doesNotContain("value.converter.schemas.enable");
    }

    @Test
    void connectsOwnConverterVersionSettingIsNotRefused() {
        Config validated = new S3SourceConnector().validate(Map.of("topic", "t", "key.converter.plugin.version", "4.4.0"));

        assertThat(validated.configValues()).filteredOn(value -> value.name().equals("key.converter.plugin.version"))
                .allSatisfy(value -> assertThat(value.errorMessages()).noneMatch(m -> m.contains("is ignored")));
    }

    /** Confluent's S3 sink cuts objects by flush.size: carried over, it would leave 1,000 records in each object. */
    @Test
    void confluentsFlushSizeIsRefusedNamingBufferSize() {
        Config validated = new S3SinkConnector().validate(Map.of("format", "json", "topics", "t", "flush.size", "100"));

        assertThat(ValidationErrors.of(validated, "flush.size")).containsExactly(
                "flush.size is no setting of this connector, which would ignore it: did you mean buffer-size?");
    }

    /** Confluent's store.url, ignored, would leave the connector on Amazon S3. */
    @Test
    void confluentsStoreUrlIsRefusedNamingEndpointUrl() {
        Config validated = new S3SinkConnector().validate(Map.of("format", "json", "topics", "t", "store.url", "http://127.0.0.1:9000"));

        assertThat(ValidationErrors.of(validated, "store.url")).singleElement().asString().endsWith("did you mean endpoint-url?");
    }

    @Test
    void aivensBucketNameUnderTwoPrefixesIsRefusedNamingBucket() {
        Config validated = new S3SinkConnector().validate(Map.of("format", "json", "topics", "t", "aws.s3.bucket.name", "b"));

        assertThat(ValidationErrors.of(validated, "aws.s3.bucket.name")).singleElement().asString().endsWith("did you mean bucket?");
    }

    @Test
    void anotherConnectorsNameForASettingOfTheSinkOnlyIsLeftToTheSource() {
        Config validated = new S3SourceConnector().validate(Map.of("topic", "t", "flush.size", "100"));

        assertThat(validated.configValues()).extracting(ConfigValue::name).doesNotContain("flush.size");
    }
}
