package io.s3conn.destination.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The server answered an upload {@code 400} while it carried object settings (storage class, server-side encryption,
 * ACL): the likeliest cause is a setting that server does not take (Ceph RGW refuses a storage class it was not
 * configured with as {@code 400 InvalidArgument}, and SSE without TLS as {@code 400 InvalidRequest}), yet the answer
 * names none. So the failure names the bucket and the settings sent. The cause is the server's answer, unchanged, so
 * that a host classifying failures by their cause chain sees what it saw before.
 */
public final class UploadRefusedException extends RuntimeException {

    private final String bucket;
    private final String settings;

    /**
     * @param bucket   the bucket the upload went to
     * @param settings the object settings sent, in words ({@code storage class GLACIER_IR})
     * @param cause    the server's answer
     */
    public UploadRefusedException(String bucket, String settings, S3Exception cause) {
        super("upload to bucket " + bucket + " refused, sent with " + settings, cause);
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The bucket the upload went to. */
    public String bucket() {
        return bucket;
    }

    /** The object settings the upload carried, in words, e.g. {@code storage class GLACIER_IR, ACL private}. */
    public String settings() {
        return settings;
    }

    /** The server's answer (the cause). */
    public S3Exception answer() {
        return (S3Exception) getCause();
    }

    /** The object settings of {@code config} in words, or empty when it sets none (the server's defaults). */
    static String settingsOf(S3DestinationConfiguration config) {
        List<String> sent = new ArrayList<>();
        config.storageClass().ifPresent(sc -> sent.add("storage class " + sc));
        config.encryption().ifPresent(sse -> sent.add("server-side encryption " + sse.algorithm()
                + sse.kmsKeyId().map(k -> " (KMS key " + k + ")").orElse("")));
        config.acl().ifPresent(acl -> sent.add("ACL " + acl));
        return String.join(", ", sent);
    }
}
