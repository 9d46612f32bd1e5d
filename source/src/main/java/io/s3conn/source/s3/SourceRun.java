package io.s3conn.source.s3;

/**
 * What a source run did.
 *
 * @param records      records emitted
 * @param polls        CDC polls completed
 * @param listRequests listing requests sent
 */
public record SourceRun(long records, long polls, long listRequests) {
}
