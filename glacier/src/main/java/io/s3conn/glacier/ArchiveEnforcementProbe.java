package io.s3conn.glacier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Finds out whether a server enforces archive classes by reading the first byte of an object its
 * class and HEAD call archived ({@code Range: bytes=0-0}): {@code 403 InvalidObjectState} means it
 * enforces them, a successful read means the class is only a label.
 */
public final class ArchiveEnforcementProbe {

    private final S3Client s3;
    private final AtomicLong requests = new AtomicLong();

    /** @param s3 the client, owned by the caller */
    public ArchiveEnforcementProbe(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * Reads the first byte of an archived-looking object.
     *
     * @return what the answer shows; {@link ArchiveEnforcement#UNKNOWN} for any other error (e.g. the
     *         object is gone), so the next archived object is probed instead
     */
    public ArchiveEnforcement probe(String bucket, String key, Optional<String> versionId) {
        requests.incrementAndGet();
        try (ResponseInputStream<GetObjectResponse> ignored = s3.getObject(b -> b.bucket(bucket).key(key)
                .versionId(versionId.orElse(null)).range("bytes=0-0"))) {
            return ArchiveEnforcement.NOT_ENFORCED;
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 403 && "InvalidObjectState".equals(code)) {
                return ArchiveEnforcement.ENFORCED;
            }
            if (e.statusCode() >= 400 && e.statusCode() < 500) {
                return ArchiveEnforcement.UNKNOWN;
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET requests sent so far. */
    public long requestCount() {
        return requests.get();
    }
}
