package io.s3conn.app.destination;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.Count;
import io.s3conn.app.cli.ConnectionOptions;
import io.s3conn.app.cli.DestinationOptions;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.InputException;
import io.s3conn.app.cli.StopSignals;
import io.s3conn.app.cli.Terminal;
import io.s3conn.app.cli.VerboseOption;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.DestinationSettings;
import io.s3conn.core.json.Json;
import io.s3conn.core.record.MalformedRecordException;
import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.text.TerminalText;
import io.s3conn.destination.FlushTimer;
import io.s3conn.destination.RecordWriter;
import io.s3conn.destination.StoredBatch;
import io.s3conn.destination.s3.OwnObjects;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.source.walk.ScopeProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code s3conn destination write}: OpenCDC JSON lines from stdin into a bucket, in batches. */
@Command(name = "write", mixinStandardHelpOptions = true,
        description = "Read OpenCDC records (the JSON lines `s3conn source read` writes) from stdin and store them in "
                + "the bucket in batches. Each stored batch is acknowledged with one JSON line on stdout.")
public class DestinationWriteCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DestinationOptions options;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        // First thing: a SIGTERM while the bucket is checked stops the write as one later does (the records stdin holds
        // are read and stored, exit 0), instead of ending the JVM (143, nothing said).
        try (StopSignals signals = StopSignals.installBeforeStart()) {
            return write(signals);
        }
    }

    private int write(StopSignals signals) {
        return CommandSupport.run(connection, verbose, (values, settings) -> {
            S3DestinationConfiguration destination = DestinationSettings.configuration(values, settings.bucket(), settings.prefix());
            PrintStream out = System.out;
            try (S3Client s3 = S3Clients.create(settings.connection())) {
                ScopeProbe.checkWritable(s3, settings.bucket(), destination.prefix());
                InputLines input = InputLines.read(System.in);
                long records;
                // SIGTERM / Ctrl-C: read on until stdin ends or pauses (an upstream stopped by the same Ctrl-C prints
                // its last record), store every record read, and exit 0.
                signals.stopWith(input::stop);
                OneRunBatchNames names = new OneRunBatchNames(() -> System.err.println("s3conn: two batches start with "
                        + "records of the same \"position\": the later one is named apart so that it does not replace the "
                        + "earlier; positions should tell records apart"));
                try (RecordWriter writer = new S3BatchWriter(s3, destination, names, batch -> acknowledge(out, batch), Clock.systemUTC());
                     FlushTimer ignored = FlushTimer.start(writer, destination.flushInterval())) {
                    records = readAll(input, writer, destination);
                }
                signals.received().ifPresent(signal -> System.err.printf(
                        "s3conn: stopped by %s: %s read, all stored%n", signal.name(), Count.of(records, "record")));
                if (out.checkError() && !Terminal.stdoutIsPipe()) {
                    // `destination write > acks.jsonl` on a full disk: the batches are stored, but a script reading the
                    // acknowledgements would miss some without a word (before: exit 0, nothing said).
                    System.err.printf("s3conn: writing acknowledgements to stdout failed (it is a file or device, not a "
                            + "pipe whose reader left: a full disk?); all %s read were stored%n", Count.of(records, "record"));
                    return ExitCode.FAILURE;
                }
            }
            return ExitCode.OK;
        });
    }

    /**
     * Feeds stdin to the writer; a malformed line stores what came before it, then fails with its number.
     *
     * @return the records read
     */
    private static long readAll(InputLines input, RecordWriter writer, S3DestinationConfiguration destination)
            throws java.io.IOException, InterruptedException {
        OwnObjects own = OwnObjects.of(destination);
        long lineNumber = 0;
        long records = 0;
        boolean positionless = false;
        Optional<String> next;
        while ((next = next(input, writer, lineNumber + 1)).isPresent()) {
            String line = next.get();
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Record record;
            try {
                record = RecordJson.read(line);
            } catch (MalformedRecordException e) {
                writer.flush();
                throw new InputException("stdin line " + lineNumber + " is not an OpenCDC record: " + e.getMessage()
                        + " (the records before it are stored)");
            } catch (OutOfMemoryError e) {
                // Parsing holds the line several times over; once the line is let go, the records before it fit again.
                long length = line.length();
                line = null;
                next = null;
                writer.flush();
                throw tooLong(lineNumber, length);
            }
            if (!positionless && record.position().bytes().length == 0) {
                positionless = true;
                System.err.println("s3conn: stdin line " + lineNumber + " has no \"position\": a batch starting with such a "
                        + "record gets a name of its own, so writing the same input again stores it again");
            }
            Optional<String> ownKey = own.keyOf(record);
            if (ownKey.isPresent()) {
                writer.flush();
                String where = destination.writeScope().toString();
                throw new ConfigurationException(TerminalText.escaped("stdin line " + lineNumber + " is the object s3://"
                        + destination.bucket() + "/" + ownKey.get() + ", named as this command names the objects it stores "
                        + "under " + where + ": its input reads them back (a source of that bucket piped in), and each would "
                        + "be stored again without end; give the destination another bucket or prefix, or the source a prefix "
                        + "that leaves " + where + " out (the records before it are stored)"));
            }
            writer.write(record);
            records++;
        }
        return records;
    }

    /** The next line, or, when line {@code number} is not UTF-8, the lines before it stored and a failure naming it. */
    private static Optional<String> next(InputLines input, RecordWriter writer, long number) throws java.io.IOException,
            InterruptedException {
        try {
            return input.next();
        } catch (InputLines.NotUtf8Exception e) {
            writer.flush();
            throw new InputException("stdin line " + number + " is not an OpenCDC record: not valid UTF-8"
                    + " (the records before it are stored)");
        } catch (InputLines.TooLongException e) {
            writer.flush();
            throw tooLong(number, e.bytesRead());
        }
    }

    /** Line {@code number} ran the heap out after {@code length} bytes (or characters) of it. */
    private static InputException tooLong(long number, long length) {
        return new InputException("stdin line " + number + " is too long for the memory s3conn has (over "
                + megabytes(length) + " read, with a heap of " + megabytes(Runtime.getRuntime().maxMemory())
                + ": S3CONN_JAVA_OPTS=-Xmx<size> gives it more) (the records before it are stored)");
    }

    private static String megabytes(long bytes) {
        return Math.max(1, bytes / 1_000_000) + " MB";
    }

    private static void acknowledge(PrintStream out, StoredBatch batch) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("bucket", batch.bucket());
        ack.put("key", batch.key());
        ack.put("records", batch.records());
        ack.put("bytes", batch.bytes());
        ack.put("first_position", batch.firstPosition().printable());
        ack.put("last_position", batch.lastPosition().printable());
        out.println(Json.write(ack));
        out.flush();
    }
}
