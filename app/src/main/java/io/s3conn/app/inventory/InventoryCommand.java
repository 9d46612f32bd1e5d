package io.s3conn.app.inventory;

import picocli.CommandLine.Command;

/** {@code s3conn inventory}: the Glacier-aware object inventory. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Keep the table s3_objects equal to what a bucket holds, with restore status for archived objects.",
        subcommands = {InventorySyncCommand.class, InventoryWatchCommand.class, InventoryStateCommand.class, InventoryShowCommand.class,
                InventoryRestoreCommand.class})
public class InventoryCommand {
}
