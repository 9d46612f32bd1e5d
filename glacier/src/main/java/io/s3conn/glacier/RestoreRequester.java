package io.s3conn.glacier;

import java.util.Optional;

import io.s3conn.core.s3.RequestFailure;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RestoreObjectRequest;
import software.amazon.awssdk.services.s3.model.RestoreObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tier;

/**
 * Sends RestoreObject the way each archive needs it: {@code Days} for GLACIER and DEEP_ARCHIVE and
 * never for Intelligent-Tiering archive tiers (S3 rejects it there); Expedited refused up front for
 * DEEP_ARCHIVE; 409 RestoreAlreadyInProgress counted as in progress, not as an error; 503
 * GlacierExpeditedRetrievalNotAvailable retried with a fallback tier only when one is given; 404 NoSuchKey (deleted
 * since listed) counted as gone, not as an error. Throttling and server errors are retried by the client's retry
 * strategy, and thrown when they outlast it (they are the server's, not the object's).
 */
public final class RestoreRequester {

    private final S3Client s3;

    /** @param s3 the client, owned by the caller */
    public RestoreRequester(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * Requests a restore.
     *
     * @param bucket       the bucket
     * @param key          the object key
     * @param storageClass the object's storage class
     * @param tier         the retrieval tier
     * @param days         how long the restored copy stays (ignored for Intelligent-Tiering)
     * @param fallback     the tier to retry with when Expedited capacity is not available
     */
    public RestoreOutcome request(String bucket, String key, String storageClass, RestoreTier tier, int days,
                                  Optional<RestoreTier> fallback) {
        return request(bucket, key, Optional.empty(), storageClass, tier, days, fallback);
    }

    /**
     * Why a restore of an object of {@code storageClass} with {@code tier} is refused before any request is sent (S3
     * would refuse it), if it is: a dry run names these too.
     */
    public static Optional<String> refusedUpFront(String storageClass, RestoreTier tier) {
        if (tier == RestoreTier.EXPEDITED && ArchiveClassifier.normalize(storageClass).equals(ArchiveClassifier.DEEP_ARCHIVE)) {
            return Optional.of("Expedited retrieval is not available for DEEP_ARCHIVE");
        }
        return Optional.empty();
    }

    /**
     * Requests a restore of one version of an object (its current one when {@code versionId} is empty); see
     * {@link #request(String, String, String, RestoreTier, int, Optional)}.
     */
    public RestoreOutcome request(String bucket, String key, Optional<String> versionId, String storageClass,
                                  RestoreTier tier, int days, Optional<RestoreTier> fallback) {
        boolean intelligentTiering = !ArchiveClassifier.isArchiveClass(storageClass);
        Optional<String> refusal = refusedUpFront(storageClass, tier);
        if (refusal.isPresent()) {
            return new RestoreOutcome.Refused(refusal.get());
        }
        RestoreObjectRequest request = RestoreObjectRequest.builder().bucket(bucket).key(key).versionId(versionId.orElse(null))
                .restoreRequest(r -> {
                    if (!intelligentTiering) {
                        r.days(days);
                    }
                    r.glacierJobParameters(g -> g.tier(Tier.fromValue(tier.apiName())));
                })
                .build();
        try {
            RestoreObjectResponse response = s3.restoreObject(request);
            return response.sdkHttpResponse().statusCode() == 202
                    ? new RestoreOutcome.Started(tier) : new RestoreOutcome.Extended(tier);
        } catch (S3Exception e) {
            String code = RequestFailure.code(e).orElse(null);
            if ("RestoreAlreadyInProgress".equals(code) || e.statusCode() == 409) {
                return new RestoreOutcome.InProgress();
            }
            if (e.statusCode() == 501) {
                return new RestoreOutcome.NotImplemented();
            }
            if (RequestFailure.EXPEDITED_UNAVAILABLE.equals(code) && fallback.isPresent() && fallback.get() != tier) {
                return request(bucket, key, versionId, storageClass, fallback.get(), days, Optional.empty());
            }
            if (e.statusCode() == 404 && ("NoSuchKey".equals(code) || "NoSuchVersion".equals(code))) {
                return new RestoreOutcome.Gone();
            }
            // Still throttled or failing after the SDK's retries: a passing condition of the server, not of this
            // object, which the next object would meet too. Thrown, so the run stops (exit 10) and a later one resumes;
            // before, each object counted as refused (a source then emitted it without its payload, for good).
            // Expedited capacity not available is the tier's answer, not the server's state: refused (RequestFailure).
            if (RequestFailure.ofAnswer(e).mayPass()) {
                throw e;
            }
            return new RestoreOutcome.Failed(code == null ? "HTTP " + e.statusCode() : code);
        }
    }
}
