package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import io.s3conn.kafka.connect.source.S3SourceConnector;

/** The source's {@code database} setting and the s3conn settings it refuses, as the worker validates them. */
class SourceConfigTest {

    @Test
    void withoutDatabaseTheStateStaysUnderStateDir() {
        assertThat(new SourceConfig(settings()).database()).isEmpty();
    }

    @Test
    void aPostgresqlUrlWithItsCredentialsIsTakenAsItIs() {
        String url = "jdbc:postgresql://db.internal:5432/s3conn?user=connect&password=hunter2";

        assertThat(new SourceConfig(settings(url)).database()).contains(url);
    }

    @Test
    void aSqliteUrlIsTaken() {
        assertThat(new SourceConfig(settings("jdbc:sqlite:/shared/s3conn.db")).database()).contains("jdbc:sqlite:/shared/s3conn.db");
    }

    @Test
    void anUnsupportedDatabaseIsRefusedInOneLineWithoutItsPassword() {
        assertThatThrownBy(() -> new SourceConfig(settings("jdbc:mysql://db/s3conn?user=u&password=hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid value [hidden] for configuration database: must be a database URL")
                .hasMessageContaining("password=****")
                .hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void aMalformedPostgresqlUrlIsRefusedInOneLineWithoutItsPassword() {
        assertThatThrownBy(() -> new SourceConfig(settings("jdbc:postgresql://db:port/s3conn?user=u&password=hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must have a port from 1 to 65535")
                .hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void theDatabaseIsHiddenWhenTheWorkerLogsTheSettings() {
        SourceConfig config = new SourceConfig(settings("jdbc:postgresql://db/s3conn?user=u&password=hunter2"));

        assertThat(config.values().get(SourceConfig.DATABASE)).hasToString("[hidden]");
    }

    @Test
    void notificationsAreRefusedInOneLineInsteadOfIgnored() {
        Map<String, String> settings = settings();
        settings.put(SourceConfig.NOTIFICATIONS, "sqs:https://sqs.eu-west-1.amazonaws.com/123456789012/photos-events");

        assertThatThrownBy(() -> new SourceConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("configuration notifications: not supported by the Kafka Connect source")
                .hasMessageContaining("source read or pipeline run --notifications")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void reconcileEveryIsRefusedInsteadOfIgnored() {
        Map<String, String> settings = settings();
        settings.put(SourceConfig.RECONCILE_EVERY, "30m");

        assertThatThrownBy(() -> new SourceConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("configuration reconcile-every: not supported by the Kafka Connect source");
    }

    /** Before, 0s was accepted, and each task listed its key range without pause, as the CLI's source did. */
    @Test
    void aPollingPeriodBelowTheCommandLinesFloorIsRefusedInOneLine() {
        Map<String, String> settings = settings();
        settings.put(SourceConfig.POLLING_PERIOD, "0s");

        assertThatThrownBy(() -> new SourceConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 0s for configuration polling-period: must be at least 100ms (each poll lists the"
                        + " task's key range; shorter polls without pause, a CPU busy the whole time)");
    }

    @Test
    void restoreArchivedSetToFalseIsAccepted() {
        Map<String, String> settings = settings();
        settings.put(SourceConfig.RESTORE_ARCHIVED, "false");

        assertThat(new SourceConfig(settings).getBoolean(SourceConfig.RESTORE_ARCHIVED)).isFalse();
    }

    @Test
    void aTopicNameKafkaRefusesIsRefusedInOneLine() {
        Map<String, String> settings = settings();
        settings.put(SourceConfig.TOPIC, "photos of 2026");

        assertThatThrownBy(() -> new SourceConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value photos of 2026 for configuration topic: ")
                .hasMessageContaining("'.', '_' and '-'")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void anEmptyTopicIsOneError() {
        Map<String, String> settings = settings();
        settings.put(SourceConfig.TOPIC, "");

        assertThat(SourceConfig.DEFINITION.validate(settings).stream().filter(v -> v.name().equals(SourceConfig.TOPIC))
                .findFirst().orElseThrow().errorMessages()).hasSize(1);
    }

    /** Before, the tasks kept their state under the working directory of whichever worker ran them. */
    @Test
    void anEmptyStateDirIsRefusedSayingToLeaveItOut() {
        Map<String, String> settings = settings();
        settings.put(SourceConfig.STATE_DIR, "");

        assertThatThrownBy(() -> new SourceConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value  for configuration state-dir: must not be empty: leave it out for the default, "
                        + "a directory under the worker's java.io.tmpdir");
    }

    /**
     * Its listings are not in key order, so the connector's planning of key ranges would refuse it: after the connector
     * was created, where only the worker's log tells. Refused when validated instead, before any request (the endpoint
     * here would answer none).
     */
    @Test
    void aDirectoryBucketIsRefusedAsAnErrorOfTheBucketBeforeAnyRequest() {
        Map<String, String> settings = new HashMap<>(settings());
        settings.put(ConnectionConfig.BUCKET, "photos--usw2-az1--x-s3");
        settings.put(ConnectionConfig.ENDPOINT_URL, "http://127.0.0.1:1");
        settings.put(ConnectionConfig.ACCESS_KEY_ID, "id");
        settings.put(ConnectionConfig.SECRET_ACCESS_KEY, "key");

        Config validated = new S3SourceConnector().validate(settings);

        assertThat(ValidationErrors.of(validated, ConnectionConfig.BUCKET)).singleElement().asString()
                .startsWith("bucket photos--usw2-az1--x-s3 is a directory bucket (S3 Express One Zone)");
        assertThat(ValidationErrors.of(validated, ConnectionConfig.ENDPOINT_URL)).isEmpty();
    }

    /** 737,280 bytes are 983,040 in base64, which leaves 64 KiB of Kafka's default request size of 1 MiB for the rest. */
    @Test
    void withoutMaxPayloadBytesObjectsKeepTheirBytesOnlyAsLongAsTheirRecordFitsKafkasDefaultRequestSize() {
        assertThat(new SourceConfig(settings()).source("state").maxPayloadBytes()).isEqualTo(737_280);
    }

    @Test
    void aProducerOverrideOfTheRequestSizeMakesRoomForLargerPayloads() {
        Map<String, String> settings = new HashMap<>(settings());
        settings.put("producer.override.max.request.size", "4259840");

        assertThat(new SourceConfig(settings).source("state").maxPayloadBytes()).isEqualTo(3_145_728);
    }

    @Test
    void maxPayloadBytesGivenIsTakenAsItIs() {
        Map<String, String> settings = new HashMap<>(settings());
        settings.put(SourceConfig.MAX_PAYLOAD_BYTES, "10485760");

        assertThat(new SourceConfig(settings).source("state").maxPayloadBytes()).isEqualTo(10_485_760);
    }

    private static Map<String, String> settings(String database) {
        Map<String, String> settings = settings();
        settings.put(SourceConfig.DATABASE, database);
        return settings;
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put(ConnectionConfig.BUCKET, "photos");
        settings.put(SourceConfig.TOPIC, "photos");
        return settings;
    }
}
