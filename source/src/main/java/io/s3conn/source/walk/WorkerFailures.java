package io.s3conn.source.walk;

/**
 * What ended a worker thread (a listing part, a prefetch, a read ahead), thrown again on the thread that waits for
 * its result. An {@link Error} (out of memory) and a {@link RuntimeException} go on as they are, so that a host
 * classifies them as it would on its own thread (the CLI's one line for out of memory, an SDK exception's exit
 * code); only a checked exception, which no worker here throws, is wrapped.
 */
public final class WorkerFailures {

    private WorkerFailures() {
    }

    /**
     * Throws {@code failure}; declared to return one so that a caller writes {@code throw rethrow(failure)} and the
     * compiler sees the path end.
     */
    public static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(failure);
    }
}
