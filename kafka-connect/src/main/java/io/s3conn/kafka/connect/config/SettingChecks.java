package io.s3conn.kafka.connect.config;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;

/**
 * What each connector refuses in its settings beyond the checks of its definition, in the order it reports them:
 * the other connector's settings, misspelt names, client overrides, null values. One sequence for both connectors,
 * so that the sink and the source answer the same mistake alike.
 */
public final class SettingChecks {

    private SettingChecks() {
    }

    /**
     * {@code validated} with the errors of {@link OtherConnectorsSettings}, {@link MisspelledSettings},
     * {@link ClientOverrides} and {@link NullSettings}.
     *
     * @param own         the connector's definition
     * @param connectsOwn names Connect reads from the connector's configuration that {@code own} does not define
     * @param other       the other s3conn connector's definition
     * @param otherName   the other connector as a message names it
     */
    public static Config refuse(Config validated, Map<String, String> given, ConfigDef own, Set<String> connectsOwn,
                                ConfigDef other, String otherName) {
        Config checked = OtherConnectorsSettings.refuse(validated, given, own, other, otherName);
        checked = MisspelledSettings.refuse(checked, given, own, connectsOwn);
        checked = ClientOverrides.refuse(checked, given);
        return NullSettings.refuse(checked, given, own);
    }
}
