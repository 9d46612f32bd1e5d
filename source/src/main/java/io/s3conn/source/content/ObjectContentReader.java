package io.s3conn.source.content;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.core.model.RestoreStatus;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.text.TerminalText;
import io.s3conn.glacier.ArchiveClassifier;
import io.s3conn.glacier.ArchiveEnforcement;
import io.s3conn.glacier.ArchiveEnforcementProbe;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.glacier.MalformedRestoreHeaderException;
import io.s3conn.glacier.RestoreStatuses;
import io.s3conn.source.walk.GuardedListings;
import io.s3conn.source.walk.ObjectVersion;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads what a record needs of one object: a GET when its bytes are wanted and allowed, a HEAD
 * otherwise (content type, user metadata, restore status). Archived objects are never read: they
 * get their restore status and no payload, instead of an error that would stop the stream.
 *
 * <p>A server other than Amazon S3 may treat archive classes as labels only (Ceph RGW serves GLACIER
 * objects at once). The first object it calls archived is probed with a one-byte GET
 * ({@link ArchiveEnforcementProbe}); where the server serves it, archive-class objects are readable and
 * read like any other, without a HEAD. On Amazon S3 no probe is sent.
 */
public final class ObjectContentReader {

    private static final System.Logger LOG = System.getLogger(ObjectContentReader.class.getName());

    private final S3Client s3;
    private final String bucket;
    private final ContentMode content;
    private final long maxPayloadBytes;
    private final ArchiveEnforcementProbe probe;
    /** Read by the read-ahead threads without a lock; set once, under {@link #probeOnce}. */
    private volatile ArchiveEnforcement enforcement;

    /**
     * @param s3              the client, owned by the caller
     * @param bucket          the bucket
     * @param content         whether bytes are wanted
     * @param maxPayloadBytes larger objects are never loaded
     */
    public ObjectContentReader(S3Client s3, String bucket, ContentMode content, long maxPayloadBytes) {
        this.s3 = s3;
        this.bucket = bucket;
        this.content = content;
        this.maxPayloadBytes = maxPayloadBytes;
        this.probe = new ArchiveEnforcementProbe(s3);
        boolean amazonS3 = s3.serviceClientConfiguration().endpointOverride()
                .map(endpoint -> S3ConnectionSettings.defaults().withEndpoint(endpoint).isAmazonS3()).orElse(true);
        this.enforcement = ServerTraits.of(amazonS3).enforcement();
    }

    /** The object's content, or empty when it no longer exists (deleted after it was listed). */
    public Optional<ObjectContent> read(ObjectVersion object) {
        boolean wanted = content == ContentMode.INLINE;
        boolean labelOnly = enforcement == ArchiveEnforcement.NOT_ENFORCED;
        if (wanted && object.size() <= maxPayloadBytes && (labelOnly || !ArchiveClassifier.isArchiveClass(object.storageClass()))) {
            try {
                return Optional.of(get(object));
            } catch (S3Exception e) {
                if (isMissing(e)) {
                    return Optional.empty();
                }
                if (!"InvalidObjectState".equals(code(e))) {
                    return unreadable(object, e, () -> headIfAllowed(object));
                }
                // An Intelligent-Tiering object in an archive tier: fall through to HEAD.
            }
        }
        Optional<HeadObjectResponse> head;
        try {
            head = head(object);
        } catch (S3Exception e) {
            // The HEAD itself was refused: asking again would only be refused again.
            return unreadable(object, e, Optional::empty);
        }
        if (head.isEmpty()) {
            return Optional.empty();
        }
        RestoreStatus restore = restore(head.get().storageClassAsString(), head.get().archiveStatusAsString(), head.get().restore());
        if (restore instanceof RestoreStatus.Archived && enforcement == ArchiveEnforcement.UNKNOWN
                && ArchiveClassifier.isArchiveClass(head.get().storageClassAsString())) {
            probeOnce(object);
        }
        restore = settled(restore);
        if (wanted && restore.readable() && object.size() <= maxPayloadBytes) {
            // A restored archive object is readable again.
            try {
                return Optional.of(get(object));
            } catch (S3Exception e) {
                if (isMissing(e)) {
                    return Optional.empty();
                }
                Optional<HeadObjectResponse> headed = head;
                return unreadable(object, e, () -> headed);
            }
        }
        Optional<String> omitted = !wanted ? Optional.empty()
                : !restore.readable() ? Optional.of("archived") : Optional.of("too-large");
        HeadObjectResponse found = head.get();
        return Optional.of(new ObjectContent(Optional.ofNullable(found.contentType()), found.metadata(),
                restore, Optional.empty(), omitted, overwritten(object, found.eTag(), found.contentLength(),
                        found.storageClassAsString(), found.lastModified())));
    }

    /**
     * An object whose GET or HEAD was refused while the bucket still lists: its bytes need a key this reader lacks
     * (SSE-KMS with a key it may not use: {@code 403}; SSE-C: {@code 400 InvalidRequest}). Stopping the stream
     * there would stop it for good, at the same object on every restart; so its record goes without payload,
     * {@code omitted} saying why, and a warning names it. When the listing is refused too, the reader lost its
     * access altogether, and {@code refused} is thrown as it came.
     *
     * @param head the object's HEAD, for its content type and metadata: asked only once the refusal is known to be
     *             one that leaves the stream going, and never sent a second time in one read (when this read's HEAD
     *             was refused, or answered before its GET was refused, it is what that HEAD gave)
     */
    private Optional<ObjectContent> unreadable(ObjectVersion object, S3Exception refused,
                                               Supplier<Optional<HeadObjectResponse>> head) {
        Optional<String> reason = refused.statusCode() == 403 ? Optional.of("access-denied")
                : refused.statusCode() == 400 && "InvalidRequest".equals(code(refused)) ? Optional.of("customer-key")
                : Optional.empty();
        if (reason.isEmpty()) {
            throw refused;
        }
        try {
            // Read as the walks read listings: URL-encoded, for a key may hold characters XML 1.0 cannot carry (ESC,
            // most of C0), which made the answer unreadable; guarded, for RGW echoes the prefix unencoded.
            s3.listObjectsV2(GuardedListings.listObjectsV2().bucket(bucket).prefix(object.key()).maxKeys(1)
                    .encodingType(EncodingType.URL).build());
        } catch (S3Exception listingRefused) {
            refused.addSuppressed(listingRefused);
            throw refused;
        }
        // Escaped: a key may hold a newline, which would forge a log line of its own, or an ANSI escape sequence.
        LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("s3://" + bucket + "/" + object.key() + ": payload omitted ("
                + reason.get() + "): the server refused to read it (" + code(refused) + ", HTTP " + refused.statusCode()
                + ") while the bucket lists"));
        Optional<HeadObjectResponse> found = head.get();
        return Optional.of(new ObjectContent(found.map(HeadObjectResponse::contentType), found.map(HeadObjectResponse::metadata)
                .orElse(Map.of()), RestoreStatus.READABLE, Optional.empty(), reason, found.flatMap(answer -> overwritten(
                object, answer.eTag(), answer.contentLength(), answer.storageClassAsString(), answer.lastModified()))));
    }

    /** The object's HEAD, or empty when that is refused too (or the object is gone). */
    private Optional<HeadObjectResponse> headIfAllowed(ObjectVersion object) {
        try {
            return head(object);
        } catch (S3Exception headRefused) {
            return Optional.empty();
        }
    }

    private ObjectContent get(ObjectVersion object) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(object.key());
        object.versionId().ifPresent(request::versionId);
        // Read within the call: a body cut off half-way is then sent again by the client's retry strategy, which
        // never retries a stream handed back to be read afterwards.
        return s3.getObject(request.build(), (response, stream) -> content(object, response, stream));
    }

    private ObjectContent content(ObjectVersion object, GetObjectResponse response, AbortableInputStream stream) {
        Long length = response.contentLength();
        RestoreStatus restore = settled(restore(response.storageClassAsString(), null, response.restore()));
        Optional<ObjectVersion> overwritten = overwritten(object, response.eTag(), length,
                response.storageClassAsString(), response.lastModified());
        if (length != null && length > maxPayloadBytes) {
            // Overwritten with something larger since it was listed: do not load it.
            stream.abort();
            return new ObjectContent(Optional.ofNullable(response.contentType()), response.metadata(), restore,
                    Optional.empty(), Optional.of("too-large"), overwritten);
        }
        byte[] bytes;
        try {
            bytes = stream.readNBytes((int) Math.min(maxPayloadBytes + 1, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw RetryableException.create("reading s3://" + bucket + "/" + object.key() + " broke off: " + e.getMessage(), e);
        }
        if (bytes.length > maxPayloadBytes) {
            stream.abort();
            return new ObjectContent(Optional.ofNullable(response.contentType()), response.metadata(), restore,
                    Optional.empty(), Optional.of("too-large"), overwritten);
        }
        return new ObjectContent(Optional.ofNullable(response.contentType()), response.metadata(), restore,
                Optional.of(bytes), Optional.empty(), overwritten);
    }

    /**
     * The object a GET or HEAD answered with, when it is not the listed one: without a version id the request reads
     * whatever the key holds now, which may have been overwritten since the listing. A version never changes.
     */
    private static Optional<ObjectVersion> overwritten(ObjectVersion listed, String eTag, Long length, String storageClass,
                                                       Instant lastModified) {
        if (listed.versionId().isPresent() || eTag == null || lastModified == null
                || ObjectSummary.unquoteETag(eTag).equals(listed.eTag())) {
            return Optional.empty();
        }
        return Optional.of(new ObjectVersion(listed.key(), Optional.empty(), ObjectSummary.unquoteETag(eTag),
                length == null ? 0 : length, ArchiveClassifier.normalize(storageClass), lastModified, false));
    }

    /** One probe per reader, however many read-ahead threads find an archived object at once. */
    private synchronized void probeOnce(ObjectVersion object) {
        if (enforcement == ArchiveEnforcement.UNKNOWN) {
            enforcement = probe.probe(bucket, object.key(), object.versionId());
        }
    }

    /** Archived is readable after all on a server known to serve archive classes. */
    private RestoreStatus settled(RestoreStatus restore) {
        return restore instanceof RestoreStatus.Archived && enforcement == ArchiveEnforcement.NOT_ENFORCED
                ? RestoreStatus.READABLE : restore;
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
