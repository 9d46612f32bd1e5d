package io.s3conn.destination.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The server answered an upload {@code 400}, which names neither the bucket nor the object. When the upload carried
 * object settings (storage class, server-side encryption, ACL), the likeliest cause is a setting that server does not
 * take (Ceph RGW refuses a storage class it was not configured with as {@code 400 InvalidArgument}, and SSE without
 * TLS as {@code 400 InvalidRequest}); else it is the key (S3Proxy refuses a key that starts with {@code /}). So the
 * failure names the bucket, the key and the settings sent. The cause is the server's answer, unchanged, so that a host
 * classifying failures by their cause chain sees what it saw before.
 */
public final class UploadRefusedException extends RuntimeException {

    private final String bucket;
    private final String key;
    private final String settings;

    /**
     * @param bucket   the bucket the upload went to
     * @param key      the key of the object uploaded
     * @param settings the object settings sent, in words ({@code storage class GLACIER_IR}), empty for none
     * @param cause    the server's answer
     */
    public UploadRefusedException(String bucket, String key, String settings, S3Exception cause) {
        super("upload of " + key + " to bucket " + bucket + " refused" + (settings.isEmpty() ? "" : ", sent with " + settings),
                cause);
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The bucket the upload went to. */
    public String bucket() {
        return bucket;
    }

    /** The key of the object uploaded. */
    public String key() {
        return key;
    }

    /**
     * The object settings the upload carried, in words, e.g. {@code storage class GLACIER_IR, ACL private}; empty when it
     * carried none (the server's defaults).
     */
    public Optional<String> settings() {
        return settings.isEmpty() ? Optional.empty() : Optional.of(settings);
    }

    /** The server's answer (the cause). */
    public S3Exception answer() {
        return (S3Exception) getCause();
    }

    /**
     * The server's answer as its error code and status, e.g. {@code InvalidArgument (HTTP 400)}, or the status alone
     * when it named no code: what every host prints of the refusal.
     */
    public String refusal() {
        S3Exception answer = answer();
        String code = answer.awsErrorDetails() == null ? null : answer.awsErrorDetails().errorCode();
        return (code == null || code.isBlank() ? "" : code + " ") + "(HTTP " + answer.statusCode() + ")";
    }

    /**
     * The first line of the words the server gave with its error code, when it gave any (Ceph RGW refusing a storage
     * class gives none).
     */
    public Optional<String> serverWords() {
        S3Exception answer = answer();
        String words = answer.awsErrorDetails() == null ? null : answer.awsErrorDetails().errorMessage();
        return words == null || words.isBlank() ? Optional.empty()
                : words.strip().lines().findFirst().map(String::strip);
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
