package io.s3conn.source.walk;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The listing requests of one walk object: how many were sent, and whether the server still gets
 * asked for {@code OptionalObjectAttributes=RestoreStatus}. When a server answers a request that asked
 * for it with a 400 or 501, the request is sent again without; if that succeeds, the server rejects
 * the attribute and no later request asks for it.
 */
final class ListingRequests {

    private final boolean requestRestoreStatus;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean restoreStatusRejected;

    ListingRequests(boolean requestRestoreStatus) {
        this.requestRestoreStatus = requestRestoreStatus;
    }

    /** Whether the next request asks for the attribute. */
    boolean restoreStatusRequested() {
        return requestRestoreStatus && !restoreStatusRejected;
    }

    boolean restoreStatusRejected() {
        return restoreStatusRejected;
    }

    long count() {
        return sent.get();
    }

    /** Counts a request sent besides those of {@link #send}. */
    void countRequest() {
        sent.incrementAndGet();
    }

    /**
     * Sends one request.
     *
     * @param call sends the request, with the attribute or without
     * @return the response and whether it was asked with the attribute
     */
    <R> Sent<R> send(Function<Boolean, R> call) {
        boolean withRestoreStatus = restoreStatusRequested();
        sent.incrementAndGet();
        if (!withRestoreStatus) {
            return new Sent<>(call.apply(false), false);
        }
        try {
            return new Sent<>(call.apply(true), true);
        } catch (S3Exception e) {
            if (e.statusCode() != 400 && e.statusCode() != 501) {
                throw e;
            }
            // Asked again without the attribute: if this fails too, its error is the real one.
            sent.incrementAndGet();
            R response = call.apply(false);
            restoreStatusRejected = true;
            return new Sent<>(response, false);
        }
    }

    /** A response, and whether its request asked for the attribute. */
    record Sent<R>(R response, boolean restoreStatusRequested) {
    }
}
