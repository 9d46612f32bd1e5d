package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class KeyedSettingsTest {

    @Test
    void kebabSnakeAndCamelCaseNameTheSameSetting() {
        for (String key : new String[] {"max-payload-bytes", "max_payload_bytes", "maxPayloadBytes"}) {
            assertThat(KeyedSettings.of("f", Map.of(key, "5")).text(Settings.MAX_PAYLOAD_BYTES)).as(key).contains("5");
        }
    }

    @Test
    void anAliasNamesItsSetting() {
        assertThat(KeyedSettings.of("f", Map.of("aws.accessKeyId", "AKID")).text(Settings.ACCESS_KEY_ID)).contains("AKID");
    }

    @Test
    void unknownKeysAreListedAndAStrictSourceRefusesThem() {
        KeyedSettings settings = KeyedSettings.of("job copy", Map.of("colour", "blue", "bucket", "b"));

        assertThat(settings.unknownKeys()).containsExactly("colour");
        assertThatThrownBy(settings::strict).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("job copy: unknown key colour");
    }

    @Test
    void aStrictSourceSuggestsTheSettingAMisspeltKeyMeant() {
        KeyedSettings settings = KeyedSettings.of("job copy", Map.of("pollingPerod", "1s"));

        assertThatThrownBy(settings::strict).isInstanceOf(ConfigurationException.class)
                .hasMessage("job copy: unknown key pollingPerod (did you mean polling-period?) (see the configuration table in README)");
    }

    /**
     * Before, the whole key: a --config file's warning, a job's or a pipeline file's error showed the secret of
     * "aws_secret_access_key=TOPSECRET", a setting and its value run into one key.
     */
    @Test
    void anUnknownKeyHoldingAValueIsShownWithoutIt() {
        assertThat(KeyedSettings.of("f", Map.of("aws_secret_access_key=TOPSECRET", "")).describedUnknownKeys())
                .isEqualTo("aws_secret_access_key=... (a setting and its value run together?)");
    }

    @Test
    void aKeyWrittenWithoutSeparatorsIsSuggestedItsSetting() {
        assertThat(KeyedSettings.of("f", Map.of("pagesize", "5")).describedUnknownKeys())
                .isEqualTo("pagesize (did you mean page-size?)");
    }

    /** Before, "pagesize (did you mean page-size?)": the key as SmallRye reads S3CONN_JOBS_J_DESTINATION_PAGESIZE. */
    @Test
    void anUnknownKeyWrittenElsewhereIsNamedAndSuggestedAsWritten() {
        KeyedSettings.KeyNaming asVariables = new KeyedSettings.KeyNaming(
                key -> Optional.of(PropertySettings.environmentForm("s3conn.jobs.j." + key)),
                (key, other) -> PropertySettings.environmentForm("s3conn.jobs.j." + other));

        assertThatThrownBy(() -> KeyedSettings.pipelineKeys("s3conn.jobs.j", Map.of("destination.formt", "json"), asVariables))
                .isInstanceOf(ConfigurationException.class).hasMessage("unknown key"
                        + " S3CONN_JOBS_J_DESTINATION_FORMT (did you mean S3CONN_JOBS_J_DESTINATION_FORMAT?)"
                        + " (see the configuration table in README)");
    }

    @Test
    void aMisspeltAliasIsSuggestedAsTheAliasIsWritten() {
        assertThat(KeyedSettings.of("f", Map.of("aws.secretAccesKey", "s")).describedUnknownKeys())
                .isEqualTo("aws.secretAccesKey (did you mean aws.secretAccessKey?)");
    }

    @Test
    void aKeyFarFromEverySettingGetsNoSuggestion() {
        assertThat(KeyedSettings.of("f", Map.of("colour", "blue")).describedUnknownKeys()).isEqualTo("colour");
    }

    @Test
    void anEmptyValueCountsAsAbsent() {
        assertThat(KeyedSettings.of("f", Map.of("prefix", "")).text(Settings.PREFIX)).isEmpty();
    }

    /** Before, the first key won without a word, and the run used a region the user did not mean. */
    @Test
    void anAliasAndTheNameWithDifferentValuesAreAnErrorNamingBothKeysAndThePlace() {
        assertThatThrownBy(() -> KeyedSettings.of("configuration file c.json", orderedMap("aws.region", "us-east-1", "region", "eu-west-1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"aws.region\" and \"region\" in configuration file c.json both set region, to different values: keep one of them");
    }

    @Test
    void twoKeysOfASecretWithDifferentValuesAreAnErrorThatQuotesNeither() {
        assertThatThrownBy(() -> KeyedSettings.of("f", orderedMap("aws_secret_access_key", "S1", "aws.secretAccessKey", "S2")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("secret-access-key").hasMessageNotContaining("S1").hasMessageNotContaining("S2");
    }

    @Test
    void anAliasAndTheNameWithTheSameValueAreReadAsOne() {
        KeyedSettings settings = KeyedSettings.of("f", orderedMap("aws.region", "eu-west-1", "region", "eu-west-1"));

        assertThat(settings.text(Settings.REGION)).contains("eu-west-1");
    }

    @Test
    void twoKeysWhoseValuesParseAlikeAreReadAsOne() {
        KeyedSettings settings = KeyedSettings.of("f", orderedMap("flush-interval", "1s", "flushInterval", "1000ms"));

        assertThat(settings.text(Settings.FLUSH_INTERVAL)).contains("1s");
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
