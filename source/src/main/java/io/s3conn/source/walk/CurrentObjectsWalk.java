package io.s3conn.source.walk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
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
public final class CurrentObjectsWalk implements Walk<ListedObject> {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int pageSize;
    private final ListingRequests requests;

    /**
     * @param s3                   the client, owned by the caller
     * @param bucket               the bucket
     * @param prefix               only keys starting with this ({@code ""} for all); any byte is fine
     * @param pageSize             keys per request ({@code max-keys}), 1 to 1000
     * @param requestRestoreStatus ask for {@code OptionalObjectAttributes=RestoreStatus}
     */
    public CurrentObjectsWalk(S3Client s3, String bucket, String prefix, int pageSize, boolean requestRestoreStatus) {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be between 1 and 1000, was " + pageSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.pageSize = pageSize;
        this.requests = new ListingRequests(requestRestoreStatus);
    }

    /** 1000 keys a request, without restore status. */
    public CurrentObjectsWalk(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, 1000, false);
    }

    @Override
    public boolean restoreStatusRejected() {
        return requests.restoreStatusRejected();
    }

    @Override
    public boolean restoreStatusRequested() {
        return requests.restoreStatusRequested();
    }

    @Override
    public long requestCount() {
        return requests.count();
    }

    /** This walk's pages as key histories of one entry each, for code that handles both bucket kinds alike. */
    public Walk<KeyHistory> asHistories() {
        CurrentObjectsWalk objects = this;
        return new Walk<>() {
            @Override
            public Iterator<WalkPage<KeyHistory>> pages(KeyRange range) {
                Iterator<WalkPage<ListedObject>> pages = objects.pages(range);
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

            @Override
            public long requestCount() {
                return objects.requestCount();
            }

            @Override
            public boolean restoreStatusRequested() {
                return objects.restoreStatusRequested();
            }

            @Override
            public boolean restoreStatusRejected() {
                return objects.restoreStatusRejected();
            }
        };
    }

    private static KeyHistory history(ListedObject listed) {
        ObjectSummary summary = listed.summary();
        return new KeyHistory(summary.key(), List.of(new ObjectVersion(summary.key(), Optional.empty(), summary.eTag(),
                summary.size(), summary.storageClass(), summary.lastModified(), false, listed.restoreStatus())));
    }

    @Override
    public Iterator<WalkPage<ListedObject>> pages(KeyRange range) {
        return new Iterator<>() {
            private Optional<String> marker = range.after();
            private Optional<String> coveredAfter = range.after();
            /** Listed, not handed over yet (see {@link PageRelease}); in key order. */
            private List<ListedObject> held = List.of();
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public WalkPage<ListedObject> next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                while (true) {
                    Optional<String> startAfter = marker;
                    ListingRequests.Sent<ListObjectsV2Response> sent =
                            requests.send(with -> s3.listObjectsV2(request(startAfter, with)));
                    ListObjectsV2Response response = sent.response();
                    List<ListedObject> entries = new ArrayList<>(held.size() + response.contents().size());
                    entries.addAll(held);
                    boolean beyond = false;
                    Optional<String> lastListed = Optional.empty();
                    for (S3Object object : response.contents()) {
                        lastListed = Optional.of(object.key());
                        if (handedOver(object.key()) || marker.equals(Optional.of(object.key()))) {
                            continue; // handed over already, or the start repeated
                        }
                        if (range.beyond(object.key())) {
                            beyond = true;
                            break;
                        }
                        entries.add(entry(object));
                    }
                    entries.sort(Comparator.comparing(ListedObject::key, KeyRange.KEY_ORDER));
                    if (beyond || !Boolean.TRUE.equals(response.isTruncated())) {
                        done = true;
                        return new WalkPage<>(new KeyRange(coveredAfter, range.upTo()), entries, true,
                                sent.restoreStatusRequested());
                    }
                    String last = lastListed.filter(key -> !marker.equals(Optional.of(key)))
                            .orElseThrow(() -> new IllegalStateException("the server answered a truncated listing of "
                                    + bucket + " without any key after " + marker.orElse("the start")
                                    + "; stopping instead of looping"));
                    marker = Optional.of(last);
                    PageRelease.Split<ListedObject> split =
                            PageRelease.split(entries, ListedObject::key, last, false, prefix, pageSize);
                    held = split.held();
                    if (split.released().isEmpty()) {
                        continue;
                    }
                    KeyRange covered = new KeyRange(coveredAfter, split.upTo());
                    coveredAfter = split.upTo();
                    return new WalkPage<>(covered, split.released(), false, sent.restoreStatusRequested());
                }
            }

            /** At or before the end of the pages handed over (or the walk's start): listed before. */
            private boolean handedOver(String key) {
                return coveredAfter.filter(after -> KeyRange.compareKeys(key, after) <= 0).isPresent();
            }
        };
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
