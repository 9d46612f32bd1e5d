package io.s3conn.app;

import io.s3conn.app.destination.DestinationCommand;
import io.s3conn.app.inventory.InventoryCommand;
import io.s3conn.app.pipeline.PipelineCommand;
import io.s3conn.app.serve.ServeCommand;
import io.s3conn.app.source.SourceCommand;
import picocli.CommandLine.Command;

/** The {@code s3conn} executable. */
@Command(name = "s3conn", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "S3 connector toolkit: a Glacier-aware object inventory, a change-stream source and a batching destination.",
        subcommands = {InventoryCommand.class, SourceCommand.class, DestinationCommand.class, PipelineCommand.class, ServeCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 other failure, 2 usage or configuration error, 3 bucket missing or access "
                + "refused, 4 S3 endpoint unreachable, 5 database error, 6 malformed input record, 7 restore wait timed out, "
                + "8 another run of the same sync holds the database."})
public class S3connCommand {
}
