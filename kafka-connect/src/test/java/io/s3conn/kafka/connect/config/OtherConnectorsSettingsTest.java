package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.s3conn.kafka.connect.sink.S3SinkConnector;
import io.s3conn.kafka.connect.source.S3SourceConnector;

class OtherConnectorsSettingsTest {

    @Test
    void aSinkSettingGivenToTheSourceIsRefusedNotIgnored() {
        Config validated = new S3SourceConnector().validate(Map.of("bucket", "b", "topic", "t", "format", "parquet"));

        assertThat(errorsOf(validated, "format"))
                .containsExactly("format is a setting of the sink connector (S3SinkConnector), which this connector does not read");
    }

    @Test
    void aSourceSettingGivenToTheSinkIsRefusedNotIgnored() {
        Config validated = new S3SinkConnector().validate(Map.of("bucket", "b", "format", "json", "topic", "t"));

        assertThat(errorsOf(validated, "topic")).singleElement().asString().startsWith("topic is a setting of the source connector");
    }

    private static List<String> errorsOf(Config config, String name) {
        return config.configValues().stream().filter(v -> v.name().equals(name)).findFirst()
                .map(ConfigValue::errorMessages).orElse(List.of());
    }
}
