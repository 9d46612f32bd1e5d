package io.s3conn.source.s3;

import io.s3conn.source.walk.ObjectVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import io.s3conn.core.model.RestoreStatus;
import io.s3conn.glacier.ArchiveClassifier;
import io.s3conn.glacier.MalformedRestoreHeaderException;
import io.s3conn.glacier.RestoreStatuses;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads what a record needs of one object: a GET when its bytes are wanted and allowed, a HEAD
 * otherwise (content type, user metadata, restore status). Archived objects are never read: they
 * get their restore status and no payload, instead of an error that would stop the stream.
 */
final class ObjectContentReader {

    private final S3Client s3;
    private final String bucket;
    private final ContentMode content;
    private final long maxPayloadBytes;

    ObjectContentReader(S3Client s3, String bucket, ContentMode content, long maxPayloadBytes) {
        this.s3 = s3;
        this.bucket = bucket;
        this.content = content;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The object's content, or empty when it no longer exists (deleted after it was listed). */
    Optional<ObjectContent> read(ObjectVersion object) {
        boolean wanted = content == ContentMode.INLINE;
        if (wanted && object.size() <= maxPayloadBytes && !ArchiveClassifier.isArchiveClass(object.storageClass())) {
            try {
                return Optional.of(get(object));
            } catch (S3Exception e) {
                if (isMissing(e)) {
                    return Optional.empty();
                }
                if (!"InvalidObjectState".equals(code(e))) {
                    throw e;
                }
                // An Intelligent-Tiering object in an archive tier: fall through to HEAD.
            }
        }
        Optional<HeadObjectResponse> head = head(object);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        RestoreStatus restore = restore(head.get().storageClassAsString(), head.get().archiveStatusAsString(), head.get().restore());
        if (wanted && restore.readable() && object.size() <= maxPayloadBytes) {
            // A restored archive object is readable again.
            try {
                return Optional.of(get(object));
            } catch (S3Exception e) {
                if (isMissing(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        }
        Optional<String> omitted = !wanted ? Optional.empty()
                : !restore.readable() ? Optional.of("archived") : Optional.of("too-large");
        return Optional.of(new ObjectContent(Optional.ofNullable(head.get().contentType()), head.get().metadata(),
                restore, Optional.empty(), omitted));
    }

    private ObjectContent get(ObjectVersion object) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(object.key());
        object.versionId().ifPresent(request::versionId);
        try (ResponseInputStream<GetObjectResponse> stream = s3.getObject(request.build())) {
            GetObjectResponse response = stream.response();
            Long length = response.contentLength();
            RestoreStatus restore = restore(response.storageClassAsString(), null, response.restore());
            if (length != null && length > maxPayloadBytes) {
                // Overwritten with something larger since it was listed: do not load it.
                stream.abort();
                return new ObjectContent(Optional.ofNullable(response.contentType()), response.metadata(), restore,
                        Optional.empty(), Optional.of("too-large"));
            }
            byte[] bytes = stream.readNBytes((int) Math.min(maxPayloadBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxPayloadBytes) {
                stream.abort();
                return new ObjectContent(Optional.ofNullable(response.contentType()), response.metadata(), restore,
                        Optional.empty(), Optional.of("too-large"));
            }
            return new ObjectContent(Optional.ofNullable(response.contentType()), response.metadata(), restore,
                    Optional.of(bytes), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + object.key() + " failed", e);
        }
    }

    private Optional<HeadObjectResponse> head(ObjectVersion object) {
        HeadObjectRequest.Builder request = HeadObjectRequest.builder().bucket(bucket).key(object.key());
        object.versionId().ifPresent(request::versionId);
        try {
            return Optional.of(s3.headObject(request.build()));
        } catch (S3Exception e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static RestoreStatus restore(String storageClass, String archiveStatus, String restoreHeader) {
        try {
            return RestoreStatuses.fromHead(ArchiveClassifier.normalize(storageClass), Optional.ofNullable(archiveStatus),
                    Optional.ofNullable(restoreHeader));
        } catch (MalformedRestoreHeaderException e) {
            return new RestoreStatus.Failed("MalformedRestoreHeader");
        }
    }

    private static boolean isMissing(S3Exception e) {
        return e.statusCode() == 404;
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
