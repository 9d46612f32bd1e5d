package io.s3conn.app.destination;

import picocli.CommandLine.Command;

/** {@code s3conn destination}: records into a bucket. */
@Command(name = "destination", mixinStandardHelpOptions = true,
        description = "Write OpenCDC records into a bucket as batched JSON-lines or Parquet objects.",
        subcommands = {DestinationWriteCommand.class})
public class DestinationCommand {
}
