package io.s3conn.app.pipeline;

import picocli.CommandLine.Command;

/** {@code s3conn pipeline}: a source and a destination in one process. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Replicate or archive a bucket into another one, continuously, exactly once per record.",
        subcommands = {PipelineRunCommand.class})
public class PipelineCommand {
}
