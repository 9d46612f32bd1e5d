package io.s3conn.source.range;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.ListedObject;
import io.s3conn.source.walk.WalkPage;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A {@link KeyProbe} that sends one ListObjectsV2 ({@code start-after}, {@code max-keys=1}) per probe,
 * through the same walk as the listings themselves (URL-encoded keys, markers from decoded keys).
 */
final class S3KeyProbe implements KeyProbe {

    private final CurrentObjectsWalk walk;
    private final LongAdder probes = new LongAdder();

    /**
     * @param s3     the client, owned by the caller
     * @param bucket the bucket
     * @param prefix the scope: only keys starting with this
     */
    public S3KeyProbe(S3Client s3, String bucket, String prefix) {
        this.walk = new CurrentObjectsWalk(s3, bucket, prefix, 1, false);
    }

    @Override
    public Optional<String> firstKeyAfter(Optional<String> after) {
        probes.increment();
        WalkPage<ListedObject> page = walk.pages(KeyRange.after(after)).next();
        return page.entries().stream().findFirst().map(ListedObject::key);
    }

    /** Probes sent so far. */
    public long probeCount() {
        return probes.sum();
    }
}
