package io.s3conn.source.content;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.core.model.RestoreStatus;
import io.s3conn.source.walk.ObjectVersion;

/**
 * What a read of one object found, beyond the listing.
 *
 * @param contentType  Content-Type
 * @param userMetadata {@code x-amz-meta-*} headers, names without the prefix
 * @param restore      whether the object can be read now
 * @param payload      the bytes, when asked for and allowed
 * @param omitted      why the bytes are absent although content was asked for: {@code too-large}, {@code archived},
 *                     or the server refused to read them ({@code access-denied}: an SSE-KMS key the reader may not
 *                     use; {@code customer-key}: SSE-C)
 * @param overwrittenBy the object the read found instead of the listed one, which was overwritten after it was
 *                      listed (on an unversioned bucket): what everything above belongs to, so what a record of this
 *                      content is to describe
 */
public record ObjectContent(Optional<String> contentType, Map<String, String> userMetadata, RestoreStatus restore,
                     Optional<byte[]> payload, Optional<String> omitted, Optional<ObjectVersion> overwrittenBy) {

    /** Copies the metadata. */
    public ObjectContent {
        Objects.requireNonNull(contentType, "contentType");
        userMetadata = Map.copyOf(userMetadata);
        Objects.requireNonNull(restore, "restore");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(omitted, "omitted");
        Objects.requireNonNull(overwrittenBy, "overwrittenBy");
    }
}
