package io.s3conn.source;

/**
 * What a {@link RecordPump} run did.
 *
 * @param records      records handed over and committed
 * @param polls        CDC polls the source completed so far
 * @param listRequests listing requests the source sent so far
 * @param pendingRestores archived objects still waiting for their restores: the next run emits them
 */
public record SourceRun(long records, long polls, long listRequests, long pendingRestores) {
}
