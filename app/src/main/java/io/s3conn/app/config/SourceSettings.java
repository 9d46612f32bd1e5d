package io.s3conn.app.config;

import java.util.Locale;

import io.s3conn.source.content.ContentMode;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;

/** What a source reads and how, from the settings. */
public final class SourceSettings {

    private SourceSettings() {
    }

    /**
     * The source's configuration.
     *
     * @param stateName    the name its state and position are kept under
     * @param savePosition whether it saves its position to resume from
     * @throws ConfigurationException for settings that do not fit together
     */
    public static S3SourceConfiguration configuration(SettingValues values, ResolvedSettings connection, String stateName,
                                                      boolean savePosition) {
        try {
            return new S3SourceConfiguration(connection.bucket(), connection.prefix(),
                    SourceMode.valueOf(values.require(Settings.MODE).toUpperCase(Locale.ROOT)),
                    values.require(Settings.POLLING_PERIOD),
                    ContentMode.valueOf(values.require(Settings.CONTENT).toUpperCase(Locale.ROOT)),
                    values.require(Settings.MAX_PAYLOAD_BYTES), values.require(Settings.READ_AHEAD), stateName, savePosition)
                    .withListConcurrency(values.require(Settings.LIST_CONCURRENCY));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
