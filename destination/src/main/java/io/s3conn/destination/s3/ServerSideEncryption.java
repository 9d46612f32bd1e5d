package io.s3conn.destination.s3;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How written objects are encrypted at rest.
 *
 * @param algorithm {@code AES256} or {@code aws:kms}, in any case ({@link #algorithm(String)})
 * @param kmsKeyId  the KMS key, for {@code aws:kms} (the bucket's default key when absent)
 */
public record ServerSideEncryption(String algorithm, Optional<String> kmsKeyId) {

    private static final List<String> ALGORITHMS = List.of("AES256", "aws:kms");

    /** What an algorithm must be, in the words of a setting's value error ({@code must be ...}). */
    public static final String ALGORITHM_RULE = "must be AES256 or aws:kms (any case)";

    /**
     * The algorithm {@code text} names, as S3 spells it ({@code aes256}: {@code AES256}); empty for one it does not.
     */
    public static Optional<String> algorithm(String text) {
        return ALGORITHMS.stream().filter(known -> known.equalsIgnoreCase(text.strip())).findFirst();
    }

    /**
     * Refuses a null value, an algorithm S3 does not name (normalised to S3's spelling otherwise), and a KMS key
     * without {@code aws:kms}.
     */
    public ServerSideEncryption {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        String given = algorithm;
        algorithm = algorithm(given).orElseThrow(() -> new IllegalArgumentException(
                "server-side encryption " + ALGORITHM_RULE + ", was: " + given));
        if (kmsKeyId.isPresent() && !algorithm.equals("aws:kms")) {
            throw new IllegalArgumentException("a KMS key id needs aws:kms encryption");
        }
    }
}
