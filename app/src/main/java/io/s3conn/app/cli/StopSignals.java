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
 *
 * <p>A command installs it first thing ({@link #installBeforeStart()}), before it checks its bucket, opens its queue or
 * database, and names what a stop does once that exists ({@link #stopWith}): a signal that comes in between is kept and
 * stops the work as soon as it is there. Before, it was installed only once the work had started, and a signal while
 * the bucket was checked ended the JVM at once: exit 143, nothing said.
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
    /** The thread context class loader of the installing thread, the stop's. */
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();
    /** What a stop does now; null while there is nothing to stop yet. Guarded by {@code this}. */
    private Runnable stop;
    private volatile boolean closed;

    private StopSignals() {
    }

    /**
     * Routes SIGTERM and SIGINT to a stop named later ({@link #stopWith}): for the very start of a command, so that a
     * signal that comes before its work exists stops it too, as {@link #received()} tells, instead of ending the JVM.
     */
    public static StopSignals installBeforeStart() {
        return install(null);
    }

    /**
     * What a stop does from now on. A signal that came before runs {@code stop} at once (on a thread of its own, as the
     * signal would have): the work just set up stops before it does anything.
     */
    public void stopWith(Runnable stop) {
        Received came;
        synchronized (this) {
            this.stop = stop;
            came = received.get();
        }
        if (came != null) {
            start(stop);
        }
    }

    /**
     * Routes SIGTERM and SIGINT to {@code stop} until closed. {@code stop} runs once, on a thread of its own
     * (so it may wait, and a second signal still ends the process meanwhile), with the context class loader of the
     * thread that installed it.
     */
    public static StopSignals install(Runnable stop) {
        StopSignals installed = new StopSignals();
        installed.stop = stop;
        for (String name : List.of("TERM", "INT")) {
            Signal signal = new Signal(name);
            installed.signals.add(signal);
            installed.previous.add(Signal.handle(signal, installed.handler()));
        }
        return installed;
    }

    /** The signal that asked for the stop, if one came. */
    public Optional<Received> received() {
        return Optional.ofNullable(received.get());
    }

    private SignalHandler handler() {
        return signal -> {
            Received first = new Received("SIG" + signal.getName(),
                    signal.getName().equals("INT") ? ExitCode.INTERRUPTED : ExitCode.TERMINATED);
            Runnable now;
            synchronized (this) {
                if (!received.compareAndSet(null, first)) {
                    return;
                }
                now = stop;
            }
            restore();
            if (now != null) {
                start(now);
            }
            Thread.ofPlatform().daemon().name("s3conn-stop-hint").start(() -> hintIfSlow(first));
        };
    }

    /**
     * Runs {@code stop} on a thread of its own, with the installing thread's class loader. The JVM's signal thread has
     * the system class loader, which under Quarkus holds none of the application's libraries: a stop that creates a
     * bean (serve stopped before its first job was scheduled) failed there, and the process ran on after the signal.
     */
    private void start(Runnable stop) {
        Thread stopping = Thread.ofPlatform().daemon().name("s3conn-stop").unstarted(stop);
        stopping.setContextClassLoader(loader);
        stopping.start();
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
