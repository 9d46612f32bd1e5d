package io.s3conn.source.s3;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import io.s3conn.source.listing.BucketListing;
import io.s3conn.source.listing.ListingPage;
import io.s3conn.source.listing.ListingRequest;
import software.amazon.awssdk.services.s3.S3Client;

/** Unversioned buckets: ListObjectsV2, one current object per key. */
public final class CurrentObjectsListing implements ChangeListing {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private long requests;

    /** Lists {@code bucket} under {@code prefix} ({@code ""} for all); the client is owned by the caller. */
    public CurrentObjectsListing(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public Iterator<HistoryPage> pages(Optional<String> startAfter) {
        Iterator<ListingPage> pages = new BucketListing(s3, new ListingRequest(bucket, prefix, startAfter, 1000, false)).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pages.hasNext();
            }

            @Override
            public HistoryPage next() {
                ListingPage page = pages.next();
                requests++;
                List<KeyHistory> keys = page.objects().stream().map(listed -> {
                    var summary = listed.summary();
                    return new KeyHistory(summary.key(), List.of(new ObjectVersion(summary.key(), Optional.empty(),
                            summary.eTag(), summary.size(), summary.storageClass(), summary.lastModified(), false)));
                }).toList();
                return new HistoryPage(keys, page.last());
            }
        };
    }

    @Override
    public long requestCount() {
        return requests;
    }
}
