package io.s3conn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * An {@link S3Client} that forwards what a sync sends (listing, HEAD, and the GET of one byte by which it
 * probes whether the server enforces archive classes) and notes when each listing page
 * arrived, so the worker can split a sync's wall time into "waiting for S3" and "working on a page"
 * without touching product code. The SDK's paginators are default methods of {@link S3Client} that
 * call {@link #listObjectsV2(ListObjectsV2Request)} on {@code this}, so they pass through here too.
 * The cost is one {@link System#nanoTime()} and one list append per request: nothing next to an
 * HTTP round trip.
 */
final class TimedS3Client extends ForwardingS3Client {

    /** Guarded by {@code this}: the listing runs on the product's prefetch thread, the reader on main. */
    private final List<Long> listArrivals = new ArrayList<>();
    private final AtomicLong listNanos = new AtomicLong();
    private final AtomicLong headRequests = new AtomicLong();
    private final AtomicLong firstListStart = new AtomicLong();

    TimedS3Client(S3Client delegate) {
        super(delegate);
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        long start = System.nanoTime();
        firstListStart.compareAndSet(0, start);
        ListObjectsV2Response response = super.listObjectsV2(request);
        long end = System.nanoTime();
        listNanos.addAndGet(end - start);
        synchronized (this) {
            listArrivals.add(end);
        }
        return response;
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        headRequests.incrementAndGet();
        return super.headObject(request);
    }

    /** {@link System#nanoTime()} at which each ListObjectsV2 response was returned, in order. */
    synchronized List<Long> listArrivals() {
        return List.copyOf(listArrivals);
    }

    /** Time spent inside ListObjectsV2 calls (on the listing thread), summed. */
    long listNanos() {
        return listNanos.get();
    }

    /** {@link System#nanoTime()} at which the first ListObjectsV2 request was sent, 0 if none was. */
    long firstListStart() {
        return firstListStart.get();
    }

    long headRequests() {
        return headRequests.get();
    }
}
