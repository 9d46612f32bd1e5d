package io.s3conn.kafka.connect.config;

import java.util.List;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/** What a connector's {@code validate} says of one setting, for the tests of its settings. */
final class ValidationErrors {

    private ValidationErrors() {
    }

    /** The error messages of {@code setting}; a validation that does not report the setting at all fails the test. */
    static List<String> of(Config validated, String setting) {
        return validated.configValues().stream().filter(v -> v.name().equals(setting)).findFirst()
                .map(ConfigValue::errorMessages)
                .orElseThrow(() -> new AssertionError("the validation does not report " + setting + ": " + validated.configValues()));
    }
}
