package io.s3conn.testbed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real S3 server on loopback that tests run against, so that one suite can run unchanged on each
 * implementation: the {@link TestBed} (S3Proxy behind the archive emulator) and Ceph's RADOS Gateway
 * ({@code io.s3conn.testbed.ceph.CephRgwServer}).
 *
 * <p>All servers accept the test bed's fixed credentials ({@link TestBed#ACCESS_KEY_ID},
 * {@link TestBed#SECRET_ACCESS_KEY}) and path-style requests. What they do differently is told by
 * {@link #storageClasses()} and {@link #restoresArchives()}, so that suites can skip or adapt instead of
 * asking which server they got.
 */
public interface S3Server {

    /** A short human name for test display names: {@code "S3Proxy"}, {@code "Ceph RGW"}. */
    String name();

    /** Where clients send requests (path-style). */
    URI endpoint();

    String region();

    String accessKeyId();

    String secretAccessKey();

    /** A shared client for {@link #endpoint()}, closed with the server. */
    S3Client client();

    /**
     * The storage classes PutObject accepts. Others may be refused ({@code 400 InvalidArgument} on RGW for
     * a class that is not configured).
     */
    Set<String> storageClasses();

    /**
     * Whether GLACIER and DEEP_ARCHIVE objects behave as archived the way Amazon S3's do: GET refused until
     * RestoreObject has run, {@code x-amz-restore} on HEAD. False on RGW, where storage classes are only
     * placement labels and RestoreObject answers {@code 501 NotImplemented}.
     */
    boolean restoresArchives();

    default void createBucket(String bucket) {
        client().createBucket(b -> b.bucket(bucket));
    }

    default void enableVersioning(String bucket) {
        client().putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }

    /** Stores an object; {@code storageClass} null means none sent (STANDARD). */
    default void put(String bucket, String key, byte[] content, String storageClass) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key);
        if (storageClass != null) {
            request.storageClass(storageClass);
        }
        client().putObject(request.build(), RequestBody.fromBytes(content));
    }

    default void put(String bucket, String key, String content, String storageClass) {
        put(bucket, key, content.getBytes(StandardCharsets.UTF_8), storageClass);
    }

    /** Stores many small STANDARD objects in parallel; each object's content is its key. */
    default void putMany(String bucket, List<String> keys, int concurrency) {
        putMany(bucket, keys, null, concurrency);
    }

    /** Stores many small objects in parallel (seeding of e.g. 100k objects); each object's content is its key. */
    default void putMany(String bucket, List<String> keys, String storageClass, int concurrency) {
        AtomicInteger next = new AtomicInteger();
        int workerCount = Math.max(1, concurrency);
        try (ExecutorService workers = Executors.newFixedThreadPool(workerCount)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workerCount; w++) {
                // Workers pull the next key themselves: no 100k queued tasks.
                done.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < keys.size(); i = next.getAndIncrement()) {
                        put(bucket, keys.get(i), keys.get(i), storageClass);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("putMany failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the server and deletes its data; no exception, as tests call it from shutdown hooks. Not
     * {@link AutoCloseable} on purpose: JUnit closes AutoCloseable arguments of a parameterized test after
     * each invocation, and a server shared by a whole test run must outlive them (its owner, which holds
     * the concrete type, closes it).
     */
    void close();
}
