package io.s3conn.destination.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * How written objects are encrypted at rest.
 *
 * @param algorithm {@code AES256} or {@code aws:kms}
 * @param kmsKeyId  the KMS key, for {@code aws:kms} (the bucket's default key when absent)
 */
public record ServerSideEncryption(String algorithm, Optional<String> kmsKeyId) {

    public ServerSideEncryption {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        if (!algorithm.equals("AES256") && !algorithm.equals("aws:kms")) {
            throw new IllegalArgumentException("server-side encryption must be AES256 or aws:kms, was " + algorithm);
        }
        if (kmsKeyId.isPresent() && !algorithm.equals("aws:kms")) {
            throw new IllegalArgumentException("a KMS key id needs aws:kms encryption");
        }
    }
}
