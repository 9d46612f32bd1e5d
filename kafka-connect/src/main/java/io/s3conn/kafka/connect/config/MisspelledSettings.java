package io.s3conn.kafka.connect.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Refuses a setting of this connector written another way: {@code aws.secret.access.key} or
 * {@code aws.secret-access-key} for {@code secret-access-key}, {@code polling.period} or {@code pollingPeriod} for
 * {@code polling-period}, as other connectors name theirs. Connect passes every key on and a definition ignores
 * keys it does not know, so the value would be ignored without a word: credentials written so leave the
 * connector on the worker's own credentials. Other unknown keys stay accepted, since Connect's own settings
 * ({@code transforms.*}, {@code errors.*}, converters, overrides) arrive the same way.
 */
public final class MisspelledSettings {

    private MisspelledSettings() {
    }

    /** {@code validated} with an error for each key of {@code given} that is not in {@code own} but spells one of its settings. */
    public static Config refuse(Config validated, Map<String, String> given, ConfigDef own) {
        List<ConfigValue> values = new ArrayList<>(validated.configValues());
        boolean refused = false;
        for (String key : new TreeSet<>(given.keySet())) {
            Optional<String> meant = own.names().contains(key) ? Optional.empty() : spelled(key, own);
            if (meant.isPresent()) {
                values.add(new ConfigValue(key, given.get(key), List.of(), new ArrayList<>(List.of(
                        key + " is no setting of this connector, which would ignore it: did you mean " + meant.get() + "?"))));
                refused = true;
            }
        }
        return refused ? new Config(values) : validated;
    }

    /** The setting of {@code own} that {@code key} spells with dots, underscores, capitals or an aws/s3 prefix. */
    private static Optional<String> spelled(String key, ConfigDef own) {
        String words = key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replaceAll("[._]", "-");
        String name = words.replaceFirst("^(aws|s3)-", "");
        return own.names().contains(name) ? Optional.of(name) : Optional.empty();
    }
}
