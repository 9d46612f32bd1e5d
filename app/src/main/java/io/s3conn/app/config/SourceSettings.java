package io.s3conn.app.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.s3conn.glacier.RestoreTier;
import io.s3conn.source.restore.RestoreArchived;

import io.s3conn.source.content.ContentMode;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;

/** What a source reads and how, from the settings. */
public final class SourceSettings {

    /** The settings of how archived objects are restored, read only with {@code restore-archived}. */
    private static final List<Setting<?>> RESTORE_SETTINGS = List.of(Settings.RESTORE_TIER, Settings.RESTORE_DAYS,
            Settings.RESTORE_RATE, Settings.RESTORE_POLL);


    private SourceSettings() {
    }

    /**
     * The source's configuration.
     *
     * @param savedUnder the name its state and position are kept and saved under, to resume from; empty to save no
     *                   position (its state is then named after its bucket and prefix)
     * @throws ConfigurationException for settings that do not fit together
     */
    public static S3SourceConfiguration configuration(SettingValues values, ResolvedSettings connection,
                                                      Optional<String> savedUnder) {
        try {
            S3SourceConfiguration read = S3SourceConfiguration.of(connection.bucket(), connection.prefix())
                    .withMode(SourceMode.valueOf(values.require(Settings.MODE).toUpperCase(Locale.ROOT)))
                    .withPollingPeriod(values.require(Settings.POLLING_PERIOD))
                    .withContent(ContentMode.valueOf(values.require(Settings.CONTENT).toUpperCase(Locale.ROOT)))
                    .withMaxPayloadBytes(values.require(Settings.MAX_PAYLOAD_BYTES))
                    .withReadAhead(values.require(Settings.READ_AHEAD))
                    .withListConcurrency(values.require(Settings.LIST_CONCURRENCY))
                    .withRestoreArchived(restoreArchived(values));
            return savedUnder.map(read::withSavedPosition).orElse(read);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** How archived objects are restored before they are emitted; empty unless {@code restore-archived}. */
    private static Optional<RestoreArchived> restoreArchived(SettingValues values) {
        if (!values.require(Settings.RESTORE_ARCHIVED)) {
            // A restore setting without restore-archived most likely meant restores, which would silently not
            // happen; with restore-archived written as false, they are settings switched off on purpose.
            if (!values.given(Settings.RESTORE_ARCHIVED)) {
                RESTORE_SETTINGS.stream().filter(values::given).findFirst().ifPresent(setting -> {
                    // Named where it was written, as every other setting that would be ignored is.
                    throw values.invalid(setting, "applies with restore-archived only: "
                            + "add restore-archived (--restore-archived), or leave " + setting.name() + " out");
                });
            }
            return Optional.empty();
        }
        return Optional.of(new RestoreArchived(RestoreTier.parse(values.require(Settings.RESTORE_TIER)),
                values.require(Settings.RESTORE_DAYS), values.require(Settings.RESTORE_RATE), values.require(Settings.RESTORE_POLL)));
    }
}
