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
        footer = {"", S3connCommand.EXIT_CODES})
public class S3connCommand {

    /** The footer of every command's help: what its exit status means ({@link io.s3conn.app.cli.ExitCode}). */
    public static final String EXIT_CODES = "Exit codes: 0 ok, 1 other failure, 2 usage or configuration error, 3 bucket "
            + "(or queue) missing or access refused, 4 S3 endpoint (or queue) unreachable, 5 database error, 6 malformed input record, 7 restore "
            + "wait timed out, 8 another run holds the same state in the database, 9 the server does not implement restores, "
            + "10 the S3 server (or queue) kept throttling or failing requests through every retry, "
            + "130 / 143 stopped by Ctrl-C / SIGTERM before it was done.";
}
