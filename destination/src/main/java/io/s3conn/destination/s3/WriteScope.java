package io.s3conn.destination.s3;

import java.util.Objects;

/**
 * The keys a destination can write: every object it names lies in {@code bucket} and starts with
 * {@code keyStart}. A host that also reads a bucket (a pipeline's source) asks {@link #overlaps} before it
 * runs, so the one rule for "could this destination write where that source reads?" lives here, next to the
 * naming code it depends on.
 *
 * @param bucket   the bucket written to
 * @param keyStart the text every written key starts with: the prefix and the key template up to its first
 *                 placeholder that varies ({@link ObjectNamer#keyStart}); empty when any key may be written
 */
public record WriteScope(String bucket, String keyStart) {

    public WriteScope {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(keyStart, "keyStart");
    }

    /**
     * Whether some key this destination may write also starts with {@code prefix} in {@code bucket}. Two sets of
     * "keys starting with X" share a key exactly when one start begins with the other: a destination writing
     * {@code logs/copy/...} lies inside a source {@code logs/}, and one writing {@code logs/2026/...} (prefix
     * {@code logs/}, template {@code {yyyy}/...}) reaches into a source {@code logs/2026/}. Only the fixed start
     * is known, so a placeholder's value is taken to be anything: the answer errs on the side of "yes".
     *
     * @param bucket the bucket read
     * @param prefix the prefix read, empty for the whole bucket
     */
    public boolean overlaps(String bucket, String prefix) {
        return this.bucket.equals(bucket) && (keyStart.startsWith(prefix) || prefix.startsWith(keyStart));
    }

    /** {@code s3://bucket/keyStart}. */
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + keyStart;
    }
}
