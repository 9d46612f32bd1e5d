package io.s3conn.app.cli;

import java.util.ArrayList;
import java.util.List;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT while a one-shot command starts: its configuration read, its command line built and parsed. A
 * signal then ends the run as the JVM's own handler would, with 143 or 130, but says so in one line, as every other
 * end of a run does; before, it ended it without a word. Once the command begins ({@link #begin()}), the JVM's
 * handlers are back, and the command's own ({@link StopSignals}) take over from them.
 */
public final class StartSignals {

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StartSignals() {
    }

    /** Routes SIGTERM and SIGINT to the one line and exit until {@link #begin()}. */
    public static StartSignals install() {
        StartSignals installed = new StartSignals();
        for (String name : List.of("TERM", "INT")) {
            Signal signal = new Signal(name);
            installed.signals.add(signal);
            installed.previous.add(Signal.handle(signal, StartSignals::beforeTheCommand));
        }
        return installed;
    }

    /** The command begins: signals are handled as before {@link #install()}, or by the command. */
    public void begin() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }

    private static void beforeTheCommand(Signal signal) {
        ExitCode code = signal.getName().equals("INT") ? ExitCode.INTERRUPTED : ExitCode.TERMINATED;
        System.err.println("s3conn: stopped by SIG" + signal.getName() + " before the command began: nothing was done");
        System.exit(code.code());
    }
}
