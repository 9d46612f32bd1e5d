package io.s3conn.destination.s3;

import java.util.Objects;

/**
 * The keys a destination can write: every object it names lies in {@code bucket}, starts with {@code keyStart}
 * and goes on with one of {@code nextCharacters}. A host that also reads a bucket (a pipeline's source) asks
 * {@link #overlaps} before it runs, so the one rule for "could this destination write where that source reads?"
 * lives here, next to the naming code it depends on.
 *
 * @param bucket         the bucket written to
 * @param keyStart       the text every written key starts with: the prefix and the key template up to its first
 *                       placeholder that varies ({@link ObjectNamer#keyStart}); empty when any key may be written
 * @param nextCharacters the characters a written key may hold right after {@code keyStart}: those the value of
 *                       that placeholder starts with ({@link ObjectNamer#valueStarts}: digits for a time, hex
 *                       digits for {@code {id}})
 */
public record WriteScope(String bucket, String keyStart, String nextCharacters) {

    /** Refuses a null value, by its name. */
    public WriteScope {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(keyStart, "keyStart");
        Objects.requireNonNull(nextCharacters, "nextCharacters");
    }

    /**
     * Whether some key this destination may write also starts with {@code prefix} in {@code bucket}. A destination
     * writing {@code logs/copy/...} lies inside a source {@code logs/}; one writing {@code logs/2026/...} (prefix
     * {@code logs/}, template {@code {yyyy}/...}) reaches into a source {@code logs/2026/}, but not into a source
     * {@code logs/incoming/}: a year starts with a digit. Past its first character a placeholder's value is taken
     * to be anything, so the answer errs on the side of "yes".
     *
     * @param bucket the bucket read
     * @param prefix the prefix read, empty for the whole bucket
     */
    public boolean overlaps(String bucket, String prefix) {
        if (!this.bucket.equals(bucket) || !(keyStart.startsWith(prefix) || prefix.startsWith(keyStart))) {
            return false;
        }
        // The source reads inside the written keys' start: only where a placeholder's value can begin.
        return prefix.length() <= keyStart.length() || nextCharacters.indexOf(prefix.charAt(keyStart.length())) >= 0;
    }

    /** {@code s3://bucket/keyStart}. */
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + keyStart;
    }
}
