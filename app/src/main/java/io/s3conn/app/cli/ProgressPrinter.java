package io.s3conn.app.cli;

import java.io.PrintStream;

import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.SyncCounters;
import io.s3conn.inventory.SyncListener;

/** Draws "listed N objects (R objects/s)" on one stderr line while a sync lists, at most five times a second. */
public final class ProgressPrinter implements SyncListener {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private boolean drawn;

    public ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void pageCommitted(InventoryScope scope, SyncCounters counters) {
        long now = System.nanoTime();
        if (drawn && now - lastDrawNanos < 200_000_000L) {
            return;
        }
        lastDrawNanos = now;
        drawn = true;
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        out.printf("\r%s: listed %,d objects (%,.0f objects/s), %,d changed, %,d deleted ",
                scope, counters.listed(), counters.listed() / seconds, counters.changed(), counters.deleted());
        out.flush();
    }

    /** Ends the progress line so that what follows starts on a fresh one. */
    public void finish() {
        if (drawn) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
