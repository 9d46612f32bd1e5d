package io.s3conn.kafka.connect.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * Refuses settings of the other s3conn connector: {@code format} given to the source, {@code mode} to the sink.
 * Connect passes every key of a configuration on and a definition ignores keys it does not know, so such a
 * setting would be ignored without a word (a source with {@code format=parquet} streams JSON records).
 */
public final class OtherConnectorsSettings {

    private OtherConnectorsSettings() {
    }

    /**
     * {@code validated} with an error for each key of {@code given} that {@code other} defines and {@code own}
     * does not.
     */
    public static Config refuse(Config validated, Map<String, String> given, ConfigDef own, ConfigDef other,
                                String otherName) {
        Set<String> misplaced = new TreeSet<>(given.keySet());
        misplaced.retainAll(other.names());
        misplaced.removeAll(own.names());
        if (misplaced.isEmpty()) {
            return validated;
        }
        List<ConfigValue> values = new ArrayList<>(validated.configValues());
        for (String name : misplaced) {
            // Shown hidden as Connect shows a password: a sink given the source's database gets no password echoed.
            String value = given.get(name);
            boolean secret = other.configKeys().get(name).type == ConfigDef.Type.PASSWORD;
            values.add(new ConfigValue(name, secret && value != null ? new Password(value) : value, List.of(),
                    new ArrayList<>(List.of(name + " is a setting of " + otherName + ", which this connector does not read"))));
        }
        return new Config(values);
    }
}
