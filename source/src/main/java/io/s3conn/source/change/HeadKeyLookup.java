package io.s3conn.source.change;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import io.s3conn.glacier.ObjectHead;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ObjectVersion;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link KeyLookup} with one HeadObject: for unversioned buckets, where a key has one object or none. An object whose
 * HEAD is refused ({@code 400}: SSE-C read without its key; {@code 403}: a policy denying {@code s3:GetObject}) is
 * looked up by listing instead, as the listing detector would see it: its record then goes without payload, as the
 * reader decides, instead of the refusal ending the stream at that event on every restart.
 */
public final class HeadKeyLookup implements KeyLookup {

    private final S3Client s3;
    private final String bucket;
    private final KeyLookup whenRefused;
    private final LongAdder requests = new LongAdder();

    /**
     * @param s3          the client, owned by the caller
     * @param whenRefused looks the key up when its HEAD is refused: a listing with the key as prefix
     */
    public HeadKeyLookup(S3Client s3, String bucket, KeyLookup whenRefused) {
        this.s3 = s3;
        this.bucket = bucket;
        this.whenRefused = whenRefused;
    }

    @Override
    public Optional<KeyHistory> find(String key) {
        requests.increment();
        try {
            return ObjectHead.find(s3, bucket, key, Optional.empty()).map(head -> new KeyHistory(key, List.of(
                    new ObjectVersion(key, Optional.empty(), head.eTag(), head.size(), head.storageClass(), head.lastModified(),
                            false))));
        } catch (S3Exception e) {
            if (!ObjectHead.refusedForTheObject(e)) {
                throw e;
            }
            // A listing refused too throws: the credentials lost their access, and the run stops as for a refused bucket.
            return whenRefused.find(key);
        }
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
