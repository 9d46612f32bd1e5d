package io.s3conn.app.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a stop request for a long-running command, so it can finish the
 * unit of work in hand, checkpoint and exit, instead of the JVM exiting with 143 mid-write. The
 * previous handlers come back on {@link #close()}, and already with the first signal: a second one
 * (an impatient Ctrl-C, while the work in hand waits for a slow request) ends the process at once, as
 * without s3conn's handler, which every command's state survives as it survives a kill. A stop still
 * running after {@link #HINT_AFTER} says so in one line on stderr, naming that way out.
 */
public final class StopSignals implements AutoCloseable {

    /** How long a stop may take before stderr says that it is under way. */
    static final Duration HINT_AFTER = Duration.ofSeconds(2);

    /**
     * The signal that asked for the stop.
     *
     * @param name     {@code SIGINT} or {@code SIGTERM}
     * @param exitCode the conventional exit status of a command that this signal stopped before it was done
     */
    public record Received(String name, ExitCode exitCode) {
    }

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private final AtomicReference<Received> received = new AtomicReference<>();
    private final PrintStream err = System.err;
    private volatile boolean closed;

    private StopSignals() {
    }

    /**
     * Routes SIGTERM and SIGINT to {@code stop} until closed. {@code stop} runs once, on a thread of its own
     * (so it may wait, and a second signal still ends the process meanwhile), with the context class loader of the
     * thread that installed it.
     */
    public static StopSignals install(Runnable stop) {
        StopSignals installed = new StopSignals();
        // The JVM's signal thread has the system class loader, which under Quarkus holds none of the application's
        // libraries: a stop that creates a bean (serve stopped before its first job was scheduled) failed there, and
        // the process ran on after the signal.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String name : List.of("TERM", "INT")) {
            Signal signal = new Signal(name);
            installed.signals.add(signal);
            installed.previous.add(Signal.handle(signal, installed.handler(stop, loader)));
        }
        return installed;
    }

    /** The signal that asked for the stop, if one came. */
    public Optional<Received> received() {
        return Optional.ofNullable(received.get());
    }

    private SignalHandler handler(Runnable stop, ClassLoader loader) {
        return signal -> {
            Received first = new Received("SIG" + signal.getName(),
                    signal.getName().equals("INT") ? ExitCode.INTERRUPTED : ExitCode.TERMINATED);
            if (!received.compareAndSet(null, first)) {
                return;
            }
            restore();
            Thread stopping = Thread.ofPlatform().daemon().name("s3conn-stop").unstarted(stop);
            stopping.setContextClassLoader(loader);
            stopping.start();
            Thread.ofPlatform().daemon().name("s3conn-stop-hint").start(() -> hintIfSlow(first));
        };
    }

    private void hintIfSlow(Received signal) {
        try {
            Thread.sleep(HINT_AFTER);
        } catch (InterruptedException e) {
            return;
        }
        if (!closed) {
            err.println("s3conn: stopping once the work in hand is done; "
                    + (signal.exitCode() == ExitCode.INTERRUPTED ? "Ctrl-C" : "SIGTERM") + " again quits at once");
        }
    }

    private void restore() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }

    @Override
    public void close() {
        closed = true;
        restore();
    }
}
