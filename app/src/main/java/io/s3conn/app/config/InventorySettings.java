package io.s3conn.app.config;

import java.util.Locale;

import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.glacier.RestoreStatusSource;

/** How an inventory sync lists, from the settings. */
public final class InventorySettings {

    private InventorySettings() {
    }

    /**
     * The sync's options.
     *
     * @throws ConfigurationException for values the sync refuses (a page size above 1000)
     */
    public static InventorySyncOptions options(SettingValues values) {
        try {
            return InventorySyncOptions.defaults()
                    .withPageSize(values.require(Settings.PAGE_SIZE))
                    .withListConcurrency(values.require(Settings.LIST_CONCURRENCY))
                    .withHeadConcurrency(values.require(Settings.HEAD_CONCURRENCY))
                    .withRestoreStatusSource(RestoreStatusSource.valueOf(
                            values.require(Settings.RESTORE_STATUS_FROM).toUpperCase(Locale.ROOT)))
                    .withHeadIntelligentTiering(values.require(Settings.HEAD_INTELLIGENT_TIERING));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
