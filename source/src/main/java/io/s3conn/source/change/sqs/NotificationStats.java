package io.s3conn.source.change.sqs;

/**
 * What a notification reader did since it started.
 *
 * @param requests     SQS requests sent: receives, delete and visibility batches
 * @param receives     ReceiveMessage requests sent
 * @param received     messages received (redeliveries count again)
 * @param deleted      messages deleted: every record they produced was committed, or they produced none
 * @param malformed    messages that were no S3 event message, left to the queue's redrive policy (each counted once,
 *                     however often SQS delivered it)
 * @param skipped      events skipped: test events, other buckets, keys outside the scope, events that do not change content
 * @param stale        events older (by sequencer) than one already applied to their key, or repeated
 * @param extensions   visibility extensions sent (ChangeMessageVisibility entries)
 * @param errors       SQS requests that failed (retried, never stopping the stream)
 */
public record NotificationStats(long requests, long receives, long received, long deleted, long malformed, long skipped, long stale,
                                long extensions, long errors) {
}
