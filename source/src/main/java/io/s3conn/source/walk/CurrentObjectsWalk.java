package io.s3conn.source.walk;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.source.range.KeyRange;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The current objects of a bucket under a prefix: ListObjectsV2, one entry per key.
 *
 * <p>Each request after the first starts after the last key of the previous response, as decoded
 * from its {@code Key}; continuation tokens and echoed parameters are not used (see {@link Walk} and
 * {@link ListingEchoGuard}). A page ends where everything before it was listed in any server's key order
 * ({@link PageRelease}). Keys travel URL-encoded ({@code encoding-type=url}) so that keys with
 * characters XML 1.0 cannot carry, such as control characters, list correctly.
 *
 * <p>When restore status is requested and the server answers the first request with a 400 or 501,
 * it is asked again without the attribute; if that succeeds, the server rejects the attribute, and
 * every later request of this walk goes without it ({@link #restoreStatusRejected()}).
 */
public final class CurrentObjectsWalk extends ListingWalk<S3Object, ListedObject> {

    /**
     * @param s3                   the client, owned by the caller
     * @param bucket               the bucket
     * @param prefix               only keys starting with this ({@code ""} for all); any byte is fine
     * @param pageSize             keys per request ({@code max-keys}), 1 to 1000
     * @param requestRestoreStatus ask for {@code OptionalObjectAttributes=RestoreStatus}
     */
    public CurrentObjectsWalk(S3Client s3, String bucket, String prefix, int pageSize, boolean requestRestoreStatus) {
        super(s3, bucket, prefix, pageSize, requestRestoreStatus, false);
    }

    /** 1000 keys a request, without restore status. */
    public CurrentObjectsWalk(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, 1000, false);
    }

    /** This walk's pages as key histories of one entry each, for code that handles both bucket kinds alike. */
    public Walk<KeyHistory> asHistories() {
        return new ForwardingWalk<ListedObject, KeyHistory>(this) {
            @Override
            public Iterator<WalkPage<KeyHistory>> pages(KeyRange range) {
                Iterator<WalkPage<ListedObject>> pages = underlying().pages(range);
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return pages.hasNext();
                    }

                    @Override
                    public WalkPage<KeyHistory> next() {
                        WalkPage<ListedObject> page = pages.next();
                        List<KeyHistory> keys = page.entries().stream().map(CurrentObjectsWalk::history).toList();
                        return new WalkPage<>(page.covered(), keys, page.last(), page.restoreStatusRequested());
                    }
                };
            }
        };
    }

    private static KeyHistory history(ListedObject listed) {
        ObjectSummary summary = listed.summary();
        return new KeyHistory(summary.key(), List.of(new ObjectVersion(summary.key(), Optional.empty(), summary.eTag(),
                summary.size(), summary.storageClass(), summary.lastModified(), false, listed.restoreStatus())));
    }

    @Override
    Listed<S3Object> list(Optional<Marker> from, boolean withRestoreStatus) {
        ListObjectsV2Response response = s3.listObjectsV2(request(from.map(Marker::key), withRestoreStatus));
        return new Listed<>(response.contents(), Boolean.TRUE.equals(response.isTruncated()));
    }

    @Override
    String key(S3Object entry) {
        return entry.key();
    }

    @Override
    Optional<String> versionId(S3Object entry) {
        return Optional.empty();
    }

    @Override
    Marker next(List<S3Object> listed, Optional<Marker> from) {
        Optional<String> after = from.map(Marker::key);
        Optional<String> last = listed.isEmpty() ? Optional.empty() : Optional.of(listed.getLast().key());
        String key = last.filter(k -> !after.equals(Optional.of(k)))
                .orElseThrow(() -> new IllegalStateException("the server answered a truncated listing of "
                        + bucket + " without any key after " + after.orElse("the start")
                        + "; stopping instead of looping"));
        return new Marker(key, Optional.empty());
    }

    @Override
    List<ListedObject> page(List<S3Object> entries) {
        return entries.stream().map(CurrentObjectsWalk::entry).toList();
    }

    private ListObjectsV2Request request(Optional<String> startAfter, boolean withRestoreStatus) {
        ListObjectsV2Request.Builder builder = Listings.intercepted(ListObjectsV2Request.builder(), new ListingEchoGuard())
                .bucket(bucket)
                .maxKeys(pageSize)
                .encodingType(EncodingType.URL);
        if (!prefix.isEmpty()) {
            builder.prefix(prefix);
        }
        startAfter.ifPresent(builder::startAfter);
        if (withRestoreStatus) {
            builder.optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS);
        }
        return builder.build();
    }

    private static ListedObject entry(S3Object object) {
        ObjectSummary summary = new ObjectSummary(
                object.key(),
                object.size() == null ? 0L : object.size(),
                ObjectSummary.unquoteETag(object.eTag()),
                Listings.storageClass(object.storageClassAsString()),
                object.lastModified());
        return new ListedObject(summary, Listings.restore(object.restoreStatus()));
    }
}
