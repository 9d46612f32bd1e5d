package io.s3conn.app.pipeline;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.Count;
import io.s3conn.app.cli.ConnectionOptions;
import io.s3conn.app.cli.DatabaseOption;
import io.s3conn.app.cli.DestinationOptions;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.RunLimits;
import io.s3conn.app.cli.SourceOptions;
import io.s3conn.app.cli.StopSignals;
import io.s3conn.app.cli.VerboseOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code s3conn pipeline run}: a {@link Pipeline} from flags, a {@code pipeline.yaml} and the
 * {@code --config} file. Killed at any moment and started again, the destination ends with every
 * record exactly once; SIGTERM stores what is buffered, commits and exits 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Copy a bucket's records into another bucket as JSON lines or Parquet, continuously. Positions are "
                + "checkpointed only after the destination stored the records; SIGTERM flushes, checkpoints and exits 0.")
public class PipelineRunCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DatabaseOption databaseFlag;

    @Option(names = "--file", paramLabel = "FILE", description = "pipeline.yaml with source, destination and state; flags override it.")
    Optional<Path> file = Optional.empty();

    @Option(names = "--destination-bucket", paramLabel = "BUCKET")
    Optional<String> destinationBucket;

    @Option(names = "--destination-prefix", paramLabel = "PREFIX")
    Optional<String> destinationPrefix;

    @Mixin
    SourceOptions source;

    @Mixin
    DestinationOptions destination;

    @Mixin
    RunLimits limits;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        // First thing, as for source read: a signal while the pipeline file and settings are read stops the run too.
        try (StopSignals signals = StopSignals.installBeforeStart()) {
            return CommandSupport.run(connection, this::pipelineFile, verbose, (values, settings) -> {
                Pipeline pipeline = new Pipeline(PipelineSettings.of(values, settings), Pipeline.Listener.NONE);
                signals.stopWith(pipeline::stop);
                Pipeline.Outcome outcome = pipeline.run(limits.maxRecords(), limits.stopWhenIdle());
                System.err.printf("s3conn: %s, %s%s%n", Count.of(outcome.records(), "record"), Count.of(outcome.polls(), "CDC poll"),
                        Count.notifications(outcome.notifications()));
                return ExitCode.OK;
            });
        }
    }

    private PipelineFile pipelineFile() {
        return file.map(PipelineFile::read).orElse(PipelineFile.none());
    }
}
