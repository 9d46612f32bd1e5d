package io.s3conn.source.walk;

import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * ListObjectsV2 requests for callers outside the walks (the range planner's delimiter listing) that must
 * read listings the way the walks do: with the server's echoed markers and prefix stripped before the SDK
 * URL-decodes them ({@link ListingEchoGuard}), so a prefix with any byte works on servers that echo it
 * unencoded (Ceph RGW).
 */
public final class GuardedListings {

    private GuardedListings() {
    }

    /** A request builder whose response is guarded against echoed, unencoded markers. */
    public static ListObjectsV2Request.Builder listObjectsV2() {
        return Listings.intercepted(ListObjectsV2Request.builder(), new ListingEchoGuard());
    }
}
