package io.s3conn.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.KeyedSettings;
import io.s3conn.app.config.SettingValues;

class PipelineSettingsTest {

    @Test
    void aDestinationInsideItsOwnSourceIsRefused() {
        SettingValues values = values(Map.of("bucket", "a", "prefix", "logs/", "destination-bucket", "a",
                "destination-prefix", "logs/copy/"));

        assertThatThrownBy(() -> PipelineSettings.of(values)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("lies inside the source");
    }

    @Test
    void aDestinationBesideItsSourceInTheSameBucketIsAccepted() {
        PipelineSettings settings = PipelineSettings.of(values(Map.of("bucket", "a", "prefix", "logs/",
                "destination-bucket", "a", "destination-prefix", "archive/")));

        assertThat(settings.destination().prefix()).isEqualTo("archive/");
    }

    @Test
    void withoutAStateNameTheStateIsNamedAfterTheBucketsAndPrefixes() {
        PipelineSettings settings = PipelineSettings.of(values(Map.of("bucket", "a", "destination-bucket", "b")));

        assertThat(settings.stateName()).isEqualTo("pipeline:a:->b:");
        assertThat(settings.leaseName()).isEqualTo("source:pipeline:a:->b:");
    }

    private static SettingValues values(Map<String, String> given) {
        Map<String, String> all = new HashMap<>(given);
        all.put("format", "json");
        all.put("database", "jdbc:sqlite::memory:");
        return SettingValues.merge(KeyedSettings.of("test", all));
    }
}
