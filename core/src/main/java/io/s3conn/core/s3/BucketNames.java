package io.s3conn.core.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * The one check every library applies to the bucket it is given. Only presence is checked: S3-compatible servers
 * allow names Amazon S3 refuses, and the server answers for the rest. Checked up front, a missing bucket is a
 * configuration error that names the bucket, not the AWS SDK's "Bucket cannot be empty" at the first request (or, for
 * a writer, at its first upload).
 */
public final class BucketNames {

    private BucketNames() {
    }

    /**
     * {@code bucket} itself, when it names a bucket.
     *
     * @throws NullPointerException     when it is null
     * @throws IllegalArgumentException when it is empty or blank
     */
    public static String require(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must not be blank, was \"" + bucket + "\"");
        }
        return bucket;
    }

    /**
     * Why {@code name}, given as a bucket, cannot be one, in the words of a setting's rule; empty when it may be. Not
     * Amazon S3's naming rules (servers allow more), only what no S3 server takes or what a request would carry
     * somewhere else: whitespace or control characters (a stray newline reaching the SDK), {@code /}, {@code ?} or
     * {@code #} ({@code s3://b/p/} pasted whole goes into the request path, where Ceph RGW answers
     * {@code SignatureDoesNotMatch} and the refusal blames the secret key), and a name of dots only (a path).
     */
    public static Optional<String> problem(String name) {
        if (name.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of("must be a bucket name, without spaces or control characters");
        }
        if (name.chars().anyMatch(c -> c == '/' || c == '?' || c == '#')) {
            return Optional.of("must be a bucket name alone, without '/', '?' or '#' (for s3://B/P/: bucket B, prefix P/)");
        }
        if (!name.isEmpty() && name.chars().allMatch(c -> c == '.')) {
            return Optional.of("must be a bucket name, not a path such as . or ..");
        }
        return Optional.empty();
    }
}
