package io.s3conn.source.change.sqs;

import java.util.Objects;
import java.util.Optional;

/**
 * One S3 event of a notification message: what happened to which object. Keys are decoded (S3's
 * messages carry them URL-encoded, EventBridge's as they are).
 *
 * @param kind      what the event means for the object's content
 * @param eventName as S3 names it, e.g. {@code ObjectCreated:Put} (EventBridge's {@code detail-type} for those)
 * @param bucket    the bucket
 * @param key       the decoded key
 * @param versionId the version the event is about, on versioned buckets
 * @param eTag      the object's ETag, for creates
 * @param sequencer orders the events of one key ({@link Sequencers}); creates and deletes carry one
 */
public record ObjectEvent(Kind kind, String eventName, String bucket, String key, Optional<String> versionId,
                          Optional<String> eTag, Optional<String> sequencer) {

    /** Checks every value is given. */
    public ObjectEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(eTag, "eTag");
        Objects.requireNonNull(sequencer, "sequencer");
    }

    /** What an event means for the object's content. */
    public enum Kind {
        /** Written: put, post, copy, multipart upload completed, replicated. */
        CREATED,
        /** Deleted, hidden behind a delete marker, or expired by a lifecycle rule. */
        REMOVED,
        /** Anything else: restores, transitions, tags, ACLs. The content is the same. */
        OTHER;

        /** The kind of an S3 event name ({@code ObjectCreated:Put}, {@code s3:ObjectRemoved:Delete}, ...). */
        public static Kind ofEventName(String eventName) {
            String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
            if (name.startsWith("ObjectCreated:")) {
                return CREATED;
            }
            if (name.startsWith("ObjectRemoved:") || name.startsWith("LifecycleExpiration:")) {
                return REMOVED;
            }
            return OTHER;
        }
    }
}
