package io.s3conn.app.config;

import java.util.ListResourceBundle;
import java.util.stream.Stream;

import io.s3conn.app.inventory.InventoryRestoreCommand;
import io.s3conn.app.inventory.InventoryShowCommand;

/**
 * The help line of every setting flag, from the catalogue: picocli looks an option's description up
 * under its name without dashes, which is the setting's name. So {@code --help} and the catalogue
 * cannot disagree.
 */
public final class SettingsHelp extends ListResourceBundle {

    @Override
    protected Object[][] getContents() {
        return Stream.concat(Settings.ALL.stream().filter(Setting::flag)
                        .map(setting -> new Object[] {setting.name(), line(setting)}),
                        // An option named like a setting that is not that setting, under its own key.
                        Stream.<Object[]>of(new Object[] {InventoryRestoreCommand.STORAGE_CLASS_HELP_KEY,
                                InventoryRestoreCommand.STORAGE_CLASS_HELP},
                                new Object[] {InventoryShowCommand.VERSIONS_HELP_KEY, InventoryShowCommand.VERSIONS_HELP}))
                .toArray(Object[][]::new);
    }

    private static String line(Setting<?> setting) {
        return setting.defaultValue().filter(d -> !d.isEmpty())
                .map(d -> setting.description() + " Default: " + d + ".")
                .orElse(setting.description());
    }
}
