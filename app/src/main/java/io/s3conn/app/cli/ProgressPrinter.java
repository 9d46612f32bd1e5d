package io.s3conn.app.cli;

import java.io.PrintStream;

import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.SyncCounters;
import io.s3conn.inventory.SyncListener;

/**
 * Shows "listed N objects (R objects/s)" on stderr while a sync lists. On a terminal, one line redrawn at most
 * five times a second and erased at the end; elsewhere (a log file, {@code --progress} forced), a line of its
 * own at most every five seconds, without control characters.
 */
public final class ProgressPrinter implements SyncListener {

    private static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private boolean drawn;

    /**
     * @param out      where to draw
     * @param terminal whether {@code out} is a terminal, which can redraw a line in place
     */
    public ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void pageCommitted(InventoryScope scope, SyncCounters counters) {
        long now = System.nanoTime();
        if (drawn && now - lastDrawNanos < (terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            return;
        }
        lastDrawNanos = now;
        drawn = true;
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        String line = String.format("%s: listed %s (%,.0f objects/s), %,d changed, %,d deleted",
                scope, Count.of(counters.listed(), "object"), counters.listed() / seconds, counters.changed(), counters.deleted());
        out.print(terminal ? "\r" + line + " " : line + System.lineSeparator());
        out.flush();
    }

    /** Ends the progress line so that what follows starts on a fresh one. */
    public void finish() {
        if (drawn && terminal) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
