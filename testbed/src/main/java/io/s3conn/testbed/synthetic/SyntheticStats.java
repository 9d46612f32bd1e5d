package io.s3conn.testbed.synthetic;

/**
 * What a {@link SyntheticBucketServer} has served since start or the last reset.
 *
 * @param listObjectsV2        ListObjectsV2 requests answered with a page
 * @param listObjectVersions   ListObjectVersions requests answered with a page
 * @param headObject           HEAD object requests
 * @param other                anything else (answered 501)
 * @param slowDowns            listing requests answered {@code 503 SlowDown}
 * @param peakConcurrentLists  the most listing requests being served at the same moment
 */
public record SyntheticStats(long listObjectsV2, long listObjectVersions, long headObject, long other,
                             long slowDowns, int peakConcurrentLists) {

    /** Listing requests of both kinds, throttled ones included. */
    public long listRequests() {
        return listObjectsV2 + listObjectVersions + slowDowns;
    }
}
