package io.s3conn.glacier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.s3conn.core.model.RestoreStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Finds restore statuses with one HeadObject per object, for servers whose listings do not report
 * {@code RestoreStatus} and for Intelligent-Tiering objects, whose archive tier only a HEAD shows.
 *
 * <p>At most {@code concurrency} requests are in flight. A 4xx answer for one object becomes that
 * object's {@code error:<code>} status; anything the SDK's retry strategy could not overcome (5xx,
 * network) fails the whole lookup, so the caller's sync stops at its last checkpoint instead of
 * recording a guess.
 */
public final class HeadRestoreStatusLookup implements AutoCloseable {

    private final S3Client s3;
    private final ExecutorService executor;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param s3          the client, owned by the caller
     * @param concurrency HEAD requests in flight at most
     */
    public HeadRestoreStatusLookup(S3Client s3, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.s3 = s3;
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "s3conn-head-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * An object to look up: a key, and a version of it (the current object when empty).
     *
     * @param key       the key
     * @param versionId the version
     */
    public record Target(String key, Optional<String> versionId) {
    }

    /** The statuses of the given keys' current objects, in the same order. */
    public List<RestoreStatus> lookup(String bucket, List<String> keys) {
        return lookupVersions(bucket, keys.stream().map(key -> new Target(key, Optional.empty())).toList());
    }

    /** The statuses of the given objects or versions, in the same order. */
    public List<RestoreStatus> lookupVersions(String bucket, List<Target> targets) {
        List<Future<RestoreStatus>> futures = new ArrayList<>(targets.size());
        for (Target target : targets) {
            futures.add(executor.submit(() -> head(bucket, target)));
        }
        List<RestoreStatus> statuses = new ArrayList<>(targets.size());
        try {
            for (Future<RestoreStatus> future : futures) {
                statuses.add(future.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up restore statuses", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        return statuses;
    }

    /** HeadObject requests sent so far. */
    public long requestCount() {
        return requests.get();
    }

    private RestoreStatus head(String bucket, Target target) {
        requests.incrementAndGet();
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(target.key()).versionId(target.versionId().orElse(null)));
        } catch (S3Exception e) {
            if (e.statusCode() >= 400 && e.statusCode() < 500) {
                return new RestoreStatus.Failed(errorCode(e));
            }
            throw e;
        }
        try {
            return RestoreStatuses.fromHead(
                    head.storageClassAsString(),
                    Optional.ofNullable(head.archiveStatusAsString()),
                    Optional.ofNullable(head.restore()));
        } catch (MalformedRestoreHeaderException e) {
            return new RestoreStatus.Failed("MalformedRestoreHeader");
        }
    }

    /** HEAD errors carry no body, so the SDK often has only the status code to go on. */
    static String errorCode(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (code != null && !code.isBlank() && !code.contains(" ")) {
            return code;
        }
        return switch (e.statusCode()) {
            case 403 -> "AccessDenied";
            case 404 -> "NoSuchKey";
            default -> "HTTP" + e.statusCode();
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
