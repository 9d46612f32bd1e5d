package io.s3conn.app.source;

import picocli.CommandLine.Command;

/** {@code s3conn source}: a bucket as a stream of change records. */
@Command(name = "source", mixinStandardHelpOptions = true,
        description = "Read a bucket as a stream of OpenCDC change records: a snapshot, then changes (CDC).",
        subcommands = {SourceReadCommand.class})
public class SourceCommand {
}
