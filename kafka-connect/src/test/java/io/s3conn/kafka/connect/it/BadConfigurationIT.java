package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import io.s3conn.kafka.connect.sink.S3SinkConnector;
import io.s3conn.kafka.connect.source.S3SourceConnector;
import io.s3conn.testbed.ArchiveEmulator;
import io.s3conn.testbed.FaultKind;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.kafka.ConnectRest;

/** Bad configurations are refused through the REST API with their reason, and nothing is written. */
class BadConfigurationIT {

    private final ConnectRest rest = ConnectFixtures.cluster().rest();

    @Test
    void aSinkWithoutBucketIsRefusedNamingTheMissingSetting() {
        String name = ConnectFixtures.unique("no-bucket");
        Map<String, String> config = sink(ConnectFixtures.newBucket("unused"));
        config.remove("bucket");

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m).contains("Missing required configuration \"bucket\""));
        assertThat(rest.status(name)).isEmpty();
    }

    /** Templating tools write a value left unset as null: before, the sink's validation threw (HTTP 500, message "bucket"). */
    @Test
    void aSinkGivenANullSettingIsRefusedNamingTheSetting() {
        String name = ConnectFixtures.unique("null-setting");
        Map<String, String> config = sink(ConnectFixtures.newBucket("null-setting"));
        config.put("buffer-size", null);

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m)
                .contains("Invalid value null for configuration buffer-size: give it a value, or leave the setting out for its default"));
        assertThat(rest.status(name)).isEmpty();
    }

    @Test
    void aSinkWithAnUnknownFormatIsRefusedNamingTheFormatsItKnows() {
        String bucket = ConnectFixtures.newBucket("unknown-format");
        String name = ConnectFixtures.unique("unknown-format");
        Map<String, String> config = sink(bucket);
        config.put("format", "avro");

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m).contains("Invalid value avro for configuration format"));
        assertThat(rest.status(name)).isEmpty();
        assertThat(ConnectFixtures.testBed().client().listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void aSinkWithAKmsKeyButAes256EncryptionIsRefusedNamingTheKmsKey() {
        String name = ConnectFixtures.unique("kms-without-kms");
        Map<String, String> config = sink(ConnectFixtures.newBucket("kms-without-kms"));
        config.put("sse", "AES256");
        config.put("sse-kms-key-id", "key-1");

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m).contains("sse-kms-key-id needs sse aws:kms"));
        assertThat(rest.status(name)).isEmpty();
    }

    @Test
    void aSinkSettingGivenToTheSourceIsRefusedThroughTheRestApi() {
        String bucket = ConnectFixtures.newBucket("misplaced-format");
        String name = ConnectFixtures.unique("misplaced-format");
        Map<String, String> config = source(bucket, ConnectFixtures.unique("misplaced"));
        config.put("format", "parquet");

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m).contains("format is a setting of the sink connector"));
        assertThat(rest.status(name)).isEmpty();
    }

    @Test
    void aSinkWithAnUnreachableEndpointIsRefusedWithOneLineSayingSo() {
        String bucket = ConnectFixtures.newBucket("unreachable-sink");
        String name = ConnectFixtures.unique("unreachable-sink");
        Map<String, String> config = sink(bucket);
        config.put("endpoint-url", "http://127.0.0.1:" + closedPort());

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m.lines())
                .anySatisfy(line -> assertThat(line).startsWith("cannot reach http://127.0.0.1:")
                        .endsWith("for bucket " + bucket + ": Connection refused")));
        assertThat(rest.status(name)).isEmpty();
    }

    @Test
    void aSourceWithAnUnreachableEndpointIsRefusedAndItsTopicNeverAppears() throws Exception {
        String bucket = ConnectFixtures.newBucket("unreachable-source");
        String name = ConnectFixtures.unique("unreachable-source");
        String topic = ConnectFixtures.unique("never");
        Map<String, String> config = source(bucket, topic);
        config.put("endpoint-url", "http://127.0.0.1:" + closedPort());

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m).contains("cannot reach http://127.0.0.1:"));
        assertThat(rest.status(name)).isEmpty();
        try (Admin admin = ConnectFixtures.admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @Test
    void aSourceWithATopicNameKafkaRefusesIsRefusedNamingTheCharactersItTakes() {
        String name = ConnectFixtures.unique("bad-topic");
        Map<String, String> config = source(ConnectFixtures.newBucket("bad-topic"), "photos of 2026");

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m)
                .contains("Invalid value photos of 2026 for configuration topic").contains("'.', '_' and '-'"));
        assertThat(rest.status(name)).isEmpty();
    }

    @Test
    void aSourceAskedToRestoreArchivedObjectsIsRefusedSayingWhy() {
        String bucket = ConnectFixtures.newBucket("restore-archived");
        String name = ConnectFixtures.unique("restore-archived");
        Map<String, String> config = source(bucket, ConnectFixtures.unique("restored"));
        config.put("restore-archived", "true");

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m).contains("restore-archived")
                .contains("not supported by the Kafka Connect source"));
        assertThat(rest.status(name)).isEmpty();
    }

    @Test
    void aSinkWhoseBucketDoesNotExistIsRefusedNamingTheBucket() {
        String name = ConnectFixtures.unique("missing-bucket");

        ConnectRest.Response response = rest.putConnector(name, sink("no-such-bucket-anywhere"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m).contains("bucket no-such-bucket-anywhere cannot be listed: NoSuchBucket"));
    }

    /** Connect UIs show a validation error beside the field of its setting: a missing bucket is not the endpoint's fault. */
    @Test
    void aValidationFilesAMissingBucketUnderBucket() {
        Map<String, String> config = sink("no-such-bucket-anywhere");
        config.put("name", ConnectFixtures.unique("missing-bucket-validated"));

        ConnectRest.Response response = rest.validate(config.get("connector.class"), config);

        assertThat(errorsOf(response, "bucket")).containsExactly("bucket no-such-bucket-anywhere cannot be listed: NoSuchBucket");
        assertThat(errorsOf(response, "endpoint-url")).isEmpty();
    }

    /**
     * A listing throttled at each of the check's attempts refuses the connector, though no setting is wrong. Before,
     * the reason read like a wrong setting's ("cannot be listed: SlowDown") and did not say that trying again may do.
     */
    @Test
    void aValidationWhoseListingIsThrottledSaysTheRefusalMayPass() {
        String bucket = ConnectFixtures.newBucket("throttled-validated");

        ConnectRest.Response response = validateSinkWhile(bucket,
                emulator -> emulator.setFaults(1.0, EnumSet.of(FaultKind.SLOW_DOWN)));

        assertThat(errorsOf(response, "endpoint-url")).containsExactly("bucket " + bucket + " cannot be listed: SlowDown "
                + "(HTTP 503) after 3 attempts, which may pass: validate or create the connector again in a moment");
    }

    /** Before, the check sent one attempt: a single SlowDown refused the connector, and the user had to try again. */
    @Test
    void aValidationWhoseListingIsThrottledOnceAcceptsTheConnector() {
        String bucket = ConnectFixtures.newBucket("throttled-once-validated");

        // Seeded: of this fault sequence, the first listing is throttled and the second answered.
        ConnectRest.Response response = validateSinkWhile(bucket, emulator -> emulator.setFaults(0.5,
                EnumSet.of(FaultKind.SLOW_DOWN), Duration.ofMillis(500), 7920L, EnumSet.of(S3Operation.LIST_OBJECTS_V2)));

        assertThat(errorsOf(response, "endpoint-url")).isEmpty();
        assertThat(errorsOf(response, "bucket")).isEmpty();
    }

    @Test
    void aValidationFilesAWrongSecretUnderSecretAccessKeyWithoutShowingIt() {
        String secret = ConnectFixtures.unique("wrong-secret");
        Map<String, String> config = sink(ConnectFixtures.newBucket("wrong-secret"));
        config.put("secret-access-key", secret);
        config.put("name", ConnectFixtures.unique("wrong-secret-validated"));

        ConnectRest.Response response = rest.validate(config.get("connector.class"), config);

        assertThat(errorsOf(response, "secret-access-key")).singleElement().asString().endsWith("cannot be listed: SignatureDoesNotMatch");
        assertThat(errorsOf(response, "endpoint-url")).isEmpty();
        assertThat(response.body()).doesNotContain(secret);
    }

    /** The endpoint answers: what the workers lack is the profile, and the one line says so, not "cannot reach". */
    @Test
    void aSinkNamingAProfileTheWorkersLackIsRefusedNamingTheProfile() {
        String bucket = ConnectFixtures.newBucket("no-profile");
        String name = ConnectFixtures.unique("no-profile");
        String profile = ConnectFixtures.unique("s3conn-absent-profile");
        Map<String, String> config = sink(bucket);
        config.remove("access-key-id");
        config.remove("secret-access-key");
        config.put("profile", profile);

        assertRefusedWithLine(name, config, "no AWS credentials in profile "
                + profile + " of the worker's ~/.aws files: set profile to a profile that has them, or set access-key-id "
                + "and secret-access-key");
    }

    /**
     * Credentials that may list only under the sink's prefix (an IAM policy's s3:prefix condition) can write there: the
     * creation check lists that prefix, as the source's lists its own, instead of the whole bucket.
     */
    @Test
    void aSinkWhoseCredentialsMayListOnlyItsPrefixIsCreated() {
        String bucket = ConnectFixtures.newBucket("prefix-listing");
        String name = ConnectFixtures.unique("prefix-listing");
        ConnectFixtures.testBed().emulator().limitListings(bucket, "archive/");
        Map<String, String> config = sink(bucket);
        config.put("prefix", "archive");

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).as("%s", response.message()).isEqualTo(201);
        rest.delete(name);
    }

    /** Connect hands every key to the connector, and a definition ignores the ones it does not know. */
    @Test
    void aSinkWithAMisspeltSettingIsRefusedNamingTheSettingMeant() {
        String bucket = ConnectFixtures.newBucket("misspelt-setting");
        String name = ConnectFixtures.unique("misspelt-setting");
        Map<String, String> config = sink(bucket);
        config.put("bufer-size", "10");

        assertRefusedWithLine(name, config, "bufer-size is no setting of this connector, which would ignore it: did you mean buffer-size?");
    }

    /**
     * Connect configures a connector's own converter only when the connector names its class: without
     * value.converter, the workers' converter runs with the workers' settings and value.converter.* is ignored.
     */
    @Test
    void aSourceGivenAConverterSettingWithoutItsConverterIsRefusedNamingTheSetting() {
        String bucket = ConnectFixtures.newBucket("converter-setting");
        String name = ConnectFixtures.unique("converter-setting");
        Map<String, String> config = source(bucket, ConnectFixtures.unique("converter-setting"));
        config.put("value.converter.schemas.enable", "false");

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m)
                .contains("\nvalue.converter.schemas.enable is ignored: Connect passes a connector's value.converter.* settings "
                        + "only to a value.converter set in the same configuration"));
        assertThat(rest.status(name)).isEmpty();
    }

    @Test
    void aSourceGivenAKeyWithoutADotThatNamesNoSettingIsRefusedNamingTheKey() {
        String bucket = ConnectFixtures.newBucket("unknown-setting");
        String name = ConnectFixtures.unique("unknown-setting");
        Map<String, String> config = source(bucket, ConnectFixtures.unique("unknown-setting"));
        config.put("secretkey", "not-read");

        assertRefusedWithLine(name, config, "secretkey is no setting of this connector, which would ignore it");
    }

    /**
     * Connect's override policy (All, its default) takes any client key: before, the consumer ignored the misspelt key
     * with a warning in the worker's log, and the sink stored records of aborted transactions.
     */
    @Test
    void aSinkWithAMisspeltConsumerOverrideIsRefusedNamingTheSettingMeant() {
        assertSinkGivenRefusedWithLine("consumer.override.isolaton.level", "read_committed", "consumer.override.isolaton.level "
                + "is no setting of the consumer, which would ignore it: did you mean consumer.override.isolation.level?");
    }

    /** Connect reads consumer.* only from the workers' properties: before, it ignored the key without a word. */
    @Test
    void aSinkGivenAConsumerSettingAsTheWorkersWriteItIsRefusedNamingTheOverrideMeant() {
        assertSinkGivenRefusedWithLine("consumer.isolation.level", "read_committed", "consumer.isolation.level is no setting of "
                + "this connector, which Connect would ignore (consumer.* is the workers' own, in their properties): did you mean "
                + "consumer.override.isolation.level?");
    }

    /** Connect parses only an override's type: before, the connector was created and every task failed at its start. */
    @Test
    void aSourceWithAProducerOverrideItsProducerRefusesIsRefusedWithTheProducersReason() {
        String name = ConnectFixtures.unique("bad-override");
        Map<String, String> config = source(ConnectFixtures.newBucket("bad-override"), ConnectFixtures.unique("bad-override"));
        config.put("producer.override.acks", "2");

        assertRefusedWithLine(name, config, "Invalid value 2 for configuration producer.override.acks: String must be one of: all, -1, 0, 1");
    }

    @Test
    void aSourceWritingToOneOfKafkasInternalTopicsIsRefusedSayingSo() {
        String name = ConnectFixtures.unique("internal-topic");
        Map<String, String> config = source(ConnectFixtures.newBucket("internal-topic"), "__consumer_offsets");

        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m).contains(
                "Invalid value __consumer_offsets for configuration topic: is one of Kafka's internal topics, which take no records from clients"));
        assertThat(rest.status(name)).isEmpty();
    }

    /** Creating {@code config} as {@code name} is refused (HTTP 400) with {@code line} as one line of the answer, and creates nothing. */
    private void assertRefusedWithLine(String name, Map<String, String> config, String line) {
        ConnectRest.Response response = rest.putConnector(name, config);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.message()).hasValueSatisfying(m -> assertThat(m).contains("\n" + line + "\n"));
        assertThat(rest.status(name)).isEmpty();
    }

    /** A sink given {@code key} = {@code value} beside settings that work is refused with {@code line}. */
    private void assertSinkGivenRefusedWithLine(String key, String value, String line) {
        Map<String, String> config = sink(ConnectFixtures.newBucket("refused"));
        config.put(key, value);

        assertRefusedWithLine(ConnectFixtures.unique("refused"), config, line);
    }

    private static Map<String, String> source(String bucket, String topic) {
        Map<String, String> config = new HashMap<>(ConnectFixtures.s3Settings(bucket));
        config.put("connector.class", S3SourceConnector.class.getName());
        config.put("topic", topic);
        return config;
    }

    private static Map<String, String> sink(String bucket) {
        Map<String, String> config = new HashMap<>(ConnectFixtures.s3Settings(bucket));
        config.put("connector.class", S3SinkConnector.class.getName());
        config.put("topics", ConnectFixtures.unique("in"));
        config.put("format", "json");
        return config;
    }

    /** The errors a validation answer files under {@code setting}. */
    @SuppressWarnings("unchecked")
    /** Validates a sink of {@code bucket} while {@code faults} are set on the test bed's emulator, cleared after. */
    private ConnectRest.Response validateSinkWhile(String bucket, Consumer<ArchiveEmulator> faults) {
        Map<String, String> config = sink(bucket);
        config.put("name", ConnectFixtures.unique(bucket));
        faults.accept(ConnectFixtures.testBed().emulator());
        try {
            return rest.validate(config.get("connector.class"), config);
        } finally {
            ConnectFixtures.testBed().emulator().clearFaults();
        }
    }

    private static List<String> errorsOf(ConnectRest.Response response, String setting) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<Map<String, Object>> configs = (List<Map<String, Object>>) ((Map<String, Object>) response.json()).get("configs");
        return configs.stream().map(c -> (Map<String, Object>) c.get("value")).filter(v -> setting.equals(v.get("name")))
                .findFirst().map(v -> (List<String>) v.get("errors"))
                .orElseThrow(() -> new AssertionError("the answer does not report " + setting + ": " + response.body()));
    }

    private static int closedPort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
