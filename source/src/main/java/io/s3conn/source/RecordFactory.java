package io.s3conn.source;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.s3conn.core.json.Json;
import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Payload;
import io.s3conn.core.record.Position;
import io.s3conn.core.record.Record;
import io.s3conn.source.content.ObjectContent;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.walk.ObjectVersion;

/** Builds the records an S3 source emits. */
final class RecordFactory {

    private final String bucket;
    private final Clock clock;

    RecordFactory(String bucket, Clock clock) {
        this.bucket = bucket;
        this.clock = clock;
    }

    /**
     * A snapshot, create or update record of an object that exists: of {@code listed}, or of the object the read found
     * instead (overwritten since it was listed), so that metadata and payload always belong together.
     */
    Record object(Operation operation, SourcePosition position, ObjectVersion listed, ObjectContent content,
                  Optional<ObjectVersion> before) {
        ObjectVersion object = content.overwrittenBy().orElse(listed);
        Map<String, String> metadata = common(object.key(), Optional.of(object.lastModified()));
        describe(metadata, object);
        content.contentType().ifPresent(type -> metadata.put(Metadata.S3_CONTENT_TYPE, type));
        if (!content.restore().label().isEmpty()) {
            metadata.put(Metadata.S3_RESTORE_STATUS, content.restore().label());
            content.restore().expiry().ifPresent(expiry -> metadata.put(Metadata.S3_RESTORE_EXPIRY, expiry.toString()));
        }
        content.omitted().ifPresent(reason -> metadata.put(Metadata.S3_PAYLOAD_OMITTED, reason));
        content.userMetadata().forEach((name, value) -> metadata.put(Metadata.S3_USER_METADATA_PREFIX + name, value));
        Payload payload = new Payload(before.map(RecordFactory::describeAsJson), content.payload());
        return Record.of(Position.of(position.printable()), operation, metadata, keyBytes(object.key()), payload);
    }

    /** A delete record; {@code before} is what was last emitted for the key. */
    Record delete(SourcePosition position, ObjectVersion before, Optional<ObjectVersion> deleteMarker) {
        Map<String, String> metadata = common(before.key(), deleteMarker.map(ObjectVersion::lastModified));
        deleteMarker.flatMap(ObjectVersion::versionId).ifPresent(id -> metadata.put(Metadata.S3_VERSION_ID, id));
        return Record.of(Position.of(position.printable()), Operation.DELETE, metadata, keyBytes(before.key()),
                new Payload(Optional.of(describeAsJson(before)), Optional.empty()));
    }

    private Map<String, String> common(String key, Optional<Instant> createdAt) {
        Map<String, String> metadata = new TreeMap<>();
        metadata.put(Metadata.OPENCDC_VERSION, Metadata.OPENCDC_VERSION_V1);
        metadata.put(Metadata.OPENCDC_READ_AT, nanos(clock.instant()));
        createdAt.ifPresent(time -> metadata.put(Metadata.OPENCDC_CREATED_AT, nanos(time)));
        metadata.put(Metadata.OPENCDC_COLLECTION, bucket);
        metadata.put(Metadata.S3_BUCKET, bucket);
        metadata.put(Metadata.S3_KEY, key);
        metadata.put(Metadata.OPENCDC_FILE_NAME, key);
        return metadata;
    }

    private static void describe(Map<String, String> metadata, ObjectVersion object) {
        metadata.put(Metadata.S3_SIZE, Long.toString(object.size()));
        metadata.put(Metadata.OPENCDC_FILE_SIZE, Long.toString(object.size()));
        metadata.put(Metadata.S3_ETAG, object.eTag());
        metadata.put(Metadata.OPENCDC_FILE_HASH, object.eTag());
        metadata.put(Metadata.S3_STORAGE_CLASS, object.storageClass());
        metadata.put(Metadata.S3_LAST_MODIFIED, object.lastModified().toString());
        object.versionId().ifPresent(id -> metadata.put(Metadata.S3_VERSION_ID, id));
    }

    /** The previous version as {@code payload.before}: its metadata as JSON (its bytes are not kept). */
    private static byte[] describeAsJson(ObjectVersion object) {
        Map<String, String> described = new TreeMap<>();
        described.put("key", object.key());
        describe(described, object);
        return Json.write(described).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] keyBytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static String nanos(Instant time) {
        return Long.toString(time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }
}
