package io.s3conn.app.cli;

import java.util.ArrayList;
import java.util.List;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a stop request for a long-running command, so it can finish the
 * unit of work in hand, checkpoint and exit 0, instead of the JVM exiting with 143 mid-write. The
 * previous handlers come back on {@link #close()}.
 */
public final class StopSignals implements AutoCloseable {

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {
    }

    /** Routes SIGTERM and SIGINT to {@code stop} until closed. */
    public static StopSignals install(Runnable stop) {
        StopSignals installed = new StopSignals();
        for (String name : List.of("TERM", "INT")) {
            Signal signal = new Signal(name);
            installed.signals.add(signal);
            installed.previous.add(Signal.handle(signal, received -> stop.run()));
        }
        return installed;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
