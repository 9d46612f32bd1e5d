package io.s3conn.source.change;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import io.s3conn.glacier.ObjectHead;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ObjectVersion;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link KeyLookup} with one HeadObject: for unversioned buckets, where a key has one object or none. */
public final class HeadKeyLookup implements KeyLookup {

    private final S3Client s3;
    private final String bucket;
    private final LongAdder requests = new LongAdder();

    /** @param s3 the client, owned by the caller */
    public HeadKeyLookup(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<KeyHistory> find(String key) {
        requests.increment();
        return ObjectHead.find(s3, bucket, key, Optional.empty()).map(head -> new KeyHistory(key, List.of(
                new ObjectVersion(key, Optional.empty(), head.eTag(), head.size(), head.storageClass(), head.lastModified(), false))));
    }

    /** HeadObject requests sent so far. */
    public long requestCount() {
        return requests.sum();
    }

    @Override
    public boolean keepsVersions() {
        return false;
    }
}
