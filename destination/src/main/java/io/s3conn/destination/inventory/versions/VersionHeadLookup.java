package io.s3conn.destination.inventory.versions;

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
import io.s3conn.glacier.MalformedRestoreHeaderException;
import io.s3conn.glacier.RestoreStatuses;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Restore statuses of individual versions with HeadObject {@code versionId=...}, the versioned
 * counterpart of glacier's {@code HeadRestoreStatusLookup}, with the same rules: at most
 * {@code concurrency} requests in flight; a 4xx answer becomes that version's {@code error:<code>}
 * status; anything the SDK's retry strategy could not overcome (5xx, network) fails the lookup, so the
 * sync stops at its last checkpoint instead of recording a guess.
 */
final class VersionHeadLookup implements AutoCloseable {

    /** One version to look up; {@code latest} versions with the {@code "null"} id are asked without versionId. */
    record Target(String key, String versionId, boolean latest) {
    }

    private final S3Client s3;
    private final ExecutorService executor;
    private final AtomicLong requests = new AtomicLong();

    VersionHeadLookup(S3Client s3, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.s3 = s3;
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "s3conn-version-head-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The statuses of the given versions, in the same order. */
    List<RestoreStatus> lookup(String bucket, List<Target> targets) {
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
    long requestCount() {
        return requests.get();
    }

    private RestoreStatus head(String bucket, Target target) {
        requests.incrementAndGet();
        HeadObjectRequest.Builder request = HeadObjectRequest.builder().bucket(bucket).key(target.key());
        // The current "null" version is the plain object: asked without versionId, which every server supports.
        if (!(target.latest() && VersionEntry.NULL_VERSION_ID.equals(target.versionId()))) {
            request.versionId(target.versionId());
        }
        HeadObjectResponse head;
        try {
            head = s3.headObject(request.build());
        } catch (S3Exception e) {
            if (e.statusCode() >= 400 && e.statusCode() < 500) {
                return new RestoreStatus.Failed(errorCode(e));
            }
            throw e;
        }
        try {
            return RestoreStatuses.fromHead(head.storageClassAsString(),
                    Optional.ofNullable(head.archiveStatusAsString()), Optional.ofNullable(head.restore()));
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
            case 404 -> "NoSuchVersion";
            default -> "HTTP" + e.statusCode();
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
