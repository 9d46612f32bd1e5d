package io.s3conn.kafka.connect.config;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;

/**
 * A problem of settings that go together ({@code access-key-id} without {@code secret-access-key}, a compression
 * the format does not know, {@code sse-kms-key-id} without {@code sse aws:kms}), which each value alone does not
 * show: it names the setting it belongs to, so that a validation answer reports it there instead of failing.
 */
public final class SettingConflict extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * @param setting the setting the problem is reported on
     * @param message the problem, in one line
     */
    public SettingConflict(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /**
     * A value that does not go with the others, told as Kafka tells a refused value
     * ({@code Invalid value V for configuration NAME: message}).
     */
    public SettingConflict(String setting, Object value, String message) {
        super(setting, value, message);
        this.setting = setting;
    }

    /** The setting the problem is reported on. */
    public String setting() {
        return setting;
    }

    /**
     * {@code validated} with the conflict {@code check} finds, if any, as an error of its setting; runs {@code check}
     * only when every value passed its own checks (the configuration parses).
     */
    public static Config report(Config validated, Runnable check) {
        if (validated.configValues().stream().allMatch(v -> v.errorMessages().isEmpty())) {
            try {
                check.run();
            } catch (SettingConflict conflict) {
                validated.configValues().stream().filter(v -> v.name().equals(conflict.setting())).findFirst()
                        .orElseThrow(() -> conflict).addErrorMessage(conflict.getMessage());
            }
        }
        return validated;
    }
}
