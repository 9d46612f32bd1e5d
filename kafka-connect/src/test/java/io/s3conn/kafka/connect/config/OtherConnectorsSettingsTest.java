package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.junit.jupiter.api.Test;

import io.s3conn.kafka.connect.sink.S3SinkConnector;
import io.s3conn.kafka.connect.source.S3SourceConnector;

class OtherConnectorsSettingsTest {

    @Test
    void aSinkSettingGivenToTheSourceIsRefusedNotIgnored() {
        Config validated = new S3SourceConnector().validate(Map.of("bucket", "b", "topic", "t", "format", "parquet"));

        assertThat(ValidationErrors.of(validated, "format"))
                .containsExactly("format is a setting of the sink connector (S3SinkConnector), which this connector does not read");
    }

    @Test
    void aSourceSettingGivenToTheSinkIsRefusedNotIgnored() {
        Config validated = new S3SinkConnector().validate(Map.of("bucket", "b", "format", "json", "topic", "t"));

        assertThat(ValidationErrors.of(validated, "topic")).singleElement().asString()
                .startsWith("topic is a setting of the source connector");
    }
}
