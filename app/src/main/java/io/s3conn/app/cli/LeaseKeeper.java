package io.s3conn.app.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.state.LeaseHeldException;
import io.s3conn.core.state.RunLease;

/**
 * Holds a {@link RunLease} for a run that may last for days (a pipeline, {@code source read --state}):
 * on a database connection of its own, since a {@link Database} belongs to one thread, and renewed
 * on a timer well within its time to live, because such a run may go long without a commit of its own.
 */
public final class LeaseKeeper implements AutoCloseable {

    private final Database database;
    private final RunLease lease;
    private final ScheduledExecutorService timer;

    private LeaseKeeper(Database database, RunLease lease, ScheduledExecutorService timer) {
        this.database = database;
        this.lease = lease;
        this.timer = timer;
    }

    /**
     * Takes the lease {@code name} and keeps it until closed.
     *
     * @param lost called (once, on the timer's thread) when another run took the lease over because this
     *             one could not renew it in time: the run must stop without writing more
     * @throws LeaseHeldException when a live run holds it
     */
    public static LeaseKeeper acquire(String databaseUrl, String name, Consumer<RuntimeException> lost) {
        Database database = Database.open(databaseUrl);
        RunLease lease;
        try {
            lease = RunLease.acquire(database, name);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "s3conn-lease");
            thread.setDaemon(true);
            return thread;
        });
        LeaseKeeper keeper = new LeaseKeeper(database, lease, timer);
        long every = RunLease.DEFAULT_TTL.toMillis() / 5;
        timer.scheduleWithFixedDelay(() -> {
            try {
                database.inTransaction(connection -> {
                    lease.renewIn(connection);
                    return null;
                });
            } catch (RuntimeException e) {
                // A database hiccup is retried at the next tick; the lease lapses only after several.
                if (e instanceof IllegalStateException) {
                    timer.shutdown();
                    lost.accept(e);
                }
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return keeper;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lease.close();
        database.close();
    }
}
