package io.s3conn.source.change.sqs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One S3 event of a notification message: what happened to which object. Keys are decoded (S3's
 * messages carry them URL-encoded, EventBridge's as they are).
 *
 * @param kind          what the event means for the object
 * @param eventName     as S3 names it, e.g. {@code ObjectCreated:Put} (EventBridge's {@code detail-type} for those, with
 *                      its {@code deletion-type} in brackets when it has one: {@code Object Deleted (Delete Marker Created)})
 * @param bucket        the bucket
 * @param key           the decoded key
 * @param versionId     the version the event is about, on versioned buckets
 * @param eTag          the object's ETag, for creates
 * @param sequencer     orders the events of one key ({@link Sequencers}); creates and deletes carry one
 * @param size          the object's size, for creates (and restores)
 * @param eventTime     when S3 says it happened
 * @param restoreExpiry for a completed restore: when the restored copy goes
 *                      ({@code glacierEventData.restoreEventData.lifecycleRestorationExpiryTime})
 */
public record ObjectEvent(Kind kind, String eventName, String bucket, String key, Optional<String> versionId,
                          Optional<String> eTag, Optional<String> sequencer, Optional<Long> size,
                          Optional<Instant> eventTime, Optional<Instant> restoreExpiry) {

    /** Checks every value is given. */
    public ObjectEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(eTag, "eTag");
        Objects.requireNonNull(sequencer, "sequencer");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(restoreExpiry, "restoreExpiry");
    }

    /** The {@link #eventName} of an EventBridge event that created a delete marker. */
    static final String EVENTBRIDGE_DELETE_MARKER_CREATED = "Object Deleted (Delete Marker Created)";

    /**
     * Whether the event created a delete marker (versioned buckets): of the removals, the only one sure to hide its key
     * rather than to uncover an older version of it.
     */
    public boolean createsDeleteMarker() {
        return eventName.endsWith("DeleteMarkerCreated") || eventName.equals(EVENTBRIDGE_DELETE_MARKER_CREATED);
    }

    /** What an event means for the object. */
    public enum Kind {
        /** Written: put, post, copy, multipart upload completed, replicated. */
        CREATED,
        /** Deleted, hidden behind a delete marker, or expired by a lifecycle rule. */
        REMOVED,
        /** A restore of the archived object was started ({@code ObjectRestore:Post}). */
        RESTORE_STARTED,
        /** A restored copy is readable ({@code ObjectRestore:Completed}). */
        RESTORE_COMPLETED,
        /** The restored copy expired: archived again ({@code ObjectRestore:Delete}). */
        RESTORE_EXPIRED,
        /**
         * The object moved to another storage class ({@code LifecycleTransition}) or Intelligent-Tiering access tier
         * ({@code IntelligentTiering}: to an archive tier, after which it needs a restore to be read).
         */
        TRANSITIONED,
        /** Anything else: tags, ACLs, replication status. */
        OTHER;

        /**
         * Whether events of this kind change the object's content (what a source emits). Public for tests; the
         * detectors choose the kinds they hear themselves.
         */
        public boolean changesContent() {
            return this == CREATED || this == REMOVED;
        }

        /** The kind of an S3 event name ({@code ObjectCreated:Put}, {@code s3:ObjectRemoved:Delete}, ...). */
        public static Kind ofEventName(String eventName) {
            String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
            if (name.startsWith("ObjectCreated:")) {
                return CREATED;
            }
            if (name.startsWith("ObjectRemoved:") || name.startsWith("LifecycleExpiration:")) {
                return REMOVED;
            }
            return switch (name) {
                case "ObjectRestore:Post" -> RESTORE_STARTED;
                case "ObjectRestore:Completed" -> RESTORE_COMPLETED;
                case "ObjectRestore:Delete" -> RESTORE_EXPIRED;
                case "LifecycleTransition", "IntelligentTiering" -> TRANSITIONED;
                default -> OTHER;
            };
        }

        /** The kind of an EventBridge {@code detail-type} ({@code Object Created}, {@code Object Restore Completed}, ...). */
        public static Kind ofDetailType(String detailType) {
            return switch (detailType) {
                case "Object Created" -> CREATED;
                case "Object Deleted" -> REMOVED;
                case "Object Restore Initiated" -> RESTORE_STARTED;
                case "Object Restore Completed" -> RESTORE_COMPLETED;
                case "Object Restore Expired" -> RESTORE_EXPIRED;
                case "Object Storage Class Changed", "Object Access Tier Changed" -> TRANSITIONED;
                default -> OTHER;
            };
        }
    }
}
