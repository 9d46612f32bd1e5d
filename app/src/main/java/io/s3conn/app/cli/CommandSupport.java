package io.s3conn.app.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.SettingSource;
import io.s3conn.app.config.SettingValues;
import io.s3conn.app.config.SettingsResolver;
import io.s3conn.core.s3.RegionNameException;
import io.s3conn.core.text.TerminalText;
import io.s3conn.source.walk.DirectoryBucketException;

/** Runs a command body so that every failure ends as one line on stderr and a meaningful exit code. */
public final class CommandSupport {

    private CommandSupport() {
    }

    /** What a command that works on a bucket does, once its settings are resolved. */
    @FunctionalInterface
    public interface BucketBody {

        /**
         * @param values   every setting of the command
         * @param settings how to reach its bucket and database, from {@code values}
         */
        ExitCode run(SettingValues values, ResolvedSettings settings) throws Exception;
    }

    /**
     * Runs a command that works on a bucket: resolves its settings ({@link ConnectionOptions#values}), and how to
     * reach its bucket, which must be given, and database, then runs {@code body}. A failure is printed as with
     * {@link #run(VerboseOption, Callable)}; once the settings are resolved, its message names their bucket and endpoint.
     */
    public static int run(ConnectionOptions connection, VerboseOption verbose, BucketBody body) {
        return onBucket(connection::values, verbose, body);
    }

    /** The same, with {@code file} (e.g. a {@code pipeline.yaml}) between the flags and {@code --config}; read inside the run. */
    public static int run(ConnectionOptions connection, Supplier<? extends SettingSource> file, VerboseOption verbose,
                          BucketBody body) {
        return onBucket(() -> connection.values(file.get()), verbose, body);
    }

    /**
     * Runs {@code body}; a failure is printed as {@code s3conn: <message>} (with the stack trace under
     * {@code --verbose}) and mapped to its {@link ExitCode}. Its message names no bucket: for commands that send
     * nothing to S3.
     */
    public static int run(VerboseOption verbose, Callable<ExitCode> body) {
        return run(verbose, Optional::empty, body);
    }

    private static int onBucket(Supplier<SettingValues> values, VerboseOption verbose, BucketBody body) {
        AtomicReference<ResolvedSettings> resolved = new AtomicReference<>();
        return run(verbose, () -> Optional.ofNullable(resolved.get()), () -> {
            SettingValues all = values.get();
            ResolvedSettings settings = SettingsResolver.connection(all, true);
            resolved.set(settings);
            try {
                return body.run(all, settings);
            } catch (DirectoryBucketException | RegionNameException e) {
                // A usage error of the command line, found once the bucket (or the environment's region) is known: ends
                // as the others do, with the pointer to the command's help (a serve job's and a Kafka task's lines stay
                // as they are).
                throw new ConfigurationException(e.getMessage() + all.hint(), e);
            }
        });
    }

    /** @param target the settings whose bucket and endpoint a failure names; empty while unknown */
    private static int run(VerboseOption verbose, Supplier<Optional<ResolvedSettings>> target, Callable<ExitCode> body) {
        try {
            return body.call().code();
        } catch (Exception e) {
            Optional<ResolvedSettings> on = target.get();
            Failure failure = Failure.of(e, on.map(ResolvedSettings::bucket).orElse(null),
                    on.flatMap(settings -> settings.connection().endpoint()).map(Object::toString));
            PrintStream err = System.err;
            err.println("s3conn: " + TerminalText.escaped(failure.message()));
            if (verbose.on()) {
                e.printStackTrace(err);
            }
            return failure.exitCode().code();
        } catch (OutOfMemoryError e) {
            // What ran out is garbage once thrown this far: one line, as for any other failure, not a stack trace.
            PrintStream err = System.err;
            err.println("s3conn: out of memory, with a heap of " + Runtime.getRuntime().maxMemory() / 1_000_000
                    + " MB: S3CONN_JAVA_OPTS=-Xmx<size> gives it more");
            if (verbose.on()) {
                e.printStackTrace(err);
            }
            return ExitCode.FAILURE.code();
        }
    }
}
