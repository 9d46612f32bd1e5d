package io.s3conn.kafka.connect.config;

import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Settings given as JSON {@code null} ({@code "bucket": null}, as templating tools write a value left unset): Connect
 * passes them on as a key without a value, which its definition checks take (a validator is not asked about a missing
 * value), so that the connector's own checks met a null where they expect a value: a sink's validation failed with a
 * bare {@code NullPointerException} (HTTP 500, the message {@code bucket}), and a source's was accepted, its
 * {@code topic} or {@code state-dir} failing the tasks instead.
 */
public final class NullSettings {

    private NullSettings() {
    }

    /** {@code validated} with an error for each of {@code own}'s settings that {@code given} holds as null. */
    public static Config refuse(Config validated, Map<String, String> given, ConfigDef own) {
        validated.configValues().stream()
                .filter(value -> own.names().contains(value.name()) && given.containsKey(value.name())
                        && given.get(value.name()) == null && value.errorMessages().isEmpty())
                .forEach(value -> value.addErrorMessage("Invalid value null for configuration " + value.name()
                        + ": give it a value, or leave the setting out" + (own.configKeys().get(value.name()).hasDefault()
                        ? " for its default" : "")));
        return validated;
    }
}
