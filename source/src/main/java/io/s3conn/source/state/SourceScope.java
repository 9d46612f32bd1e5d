package io.s3conn.source.state;

import java.util.Objects;

/**
 * What a source reads: a bucket and a prefix. A saved state records it, because the keys it holds mean
 * "emitted from this scope": compared with another bucket they would read as deletes of every key.
 *
 * @param bucket the bucket
 * @param prefix the prefix, empty for the whole bucket
 */
public record SourceScope(String bucket, String prefix) {

    /** Validates that both parts are given. */
    public SourceScope {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
