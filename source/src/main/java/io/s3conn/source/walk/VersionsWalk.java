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
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;

/**
 * The versions and delete markers of a bucket under a prefix: ListObjectVersions. A key whose versions
 * straddle two responses is held back until it is complete, so every page ends on a whole key and
 * covers exactly the keys up to its last one.
 *
 * <p>Markers: the next request's {@code key-marker} and {@code version-id-marker} are the key (decoded
 * from {@code Key}) and version id of the response's last entry, never its {@code NextKeyMarker}
 * echo (see {@link Walk}). A page ends where everything before it was listed in any server's key order
 * ({@link PageRelease}). A walk starting after a key sends {@code key-marker} alone, which Amazon S3
 * treats as "after this key" and Ceph RGW as "from this key": entries at or before the marker key are
 * dropped, and a version already held for the marker key is never taken twice.
 *
 * <p>With {@code requestRestoreStatus}, versions are listed with {@code OptionalObjectAttributes=RestoreStatus}.
 * When the server answers the first request with 400 or 501, it is asked again without the attribute;
 * if that succeeds, the server rejects the attribute and this walk no longer asks for it.
 */
public final class VersionsWalk implements Walk<KeyHistory> {

    private static final Comparator<ObjectVersion> NEWEST_FIRST =
            Comparator.comparing(ObjectVersion::lastModified).reversed();

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int pageSize;
    private final ListingRequests requests;

    /**
     * @param s3                   the client, owned by the caller
     * @param bucket               the bucket
     * @param prefix               only keys starting with this ({@code ""} for all); any byte is fine
     * @param pageSize             versions and delete markers per request ({@code max-keys}), 1 to 1000
     * @param requestRestoreStatus ask for {@code OptionalObjectAttributes=RestoreStatus}
     */
    public VersionsWalk(S3Client s3, String bucket, String prefix, int pageSize, boolean requestRestoreStatus) {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be between 1 and 1000, was " + pageSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.pageSize = pageSize;
        this.requests = new ListingRequests(requestRestoreStatus);
    }

    /** 1000 entries a request, without restore status. */
    public VersionsWalk(S3Client s3, String bucket, String prefix) {
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

    /** A listed entry, whether S3 marked it the latest of its key, and where it stood in the document. */
    private record Entry(ObjectVersion version, boolean latest, int documentIndex) {
    }

    /** Where the next request starts: after this key, or after this version of it. */
    private record Marker(String key, Optional<String> versionId) {
    }

    @Override
    public Iterator<WalkPage<KeyHistory>> pages(KeyRange range) {
        return new Iterator<>() {
            private Optional<Marker> marker = range.after().map(key -> new Marker(key, Optional.empty()));
            private Optional<String> coveredAfter = range.after();
            /** Listed, not handed over yet (a key that may continue, see {@link PageRelease}); in key order. */
            private List<Entry> held = List.of();
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public WalkPage<KeyHistory> next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                while (true) {
                    VersionDocumentOrder documentOrder = new VersionDocumentOrder();
                    Optional<Marker> from = marker;
                    ListingRequests.Sent<ListObjectVersionsResponse> sent =
                            requests.send(with -> s3.listObjectVersions(request(from, with, documentOrder)));
                    ListObjectVersionsResponse response = sent.response();
                    List<Entry> listed = sorted(response, documentOrder);
                    boolean beyond = false;
                    List<Entry> entries = new ArrayList<>(held);
                    for (Entry entry : listed) {
                        if (!after(entry, entries)) {
                            continue;
                        }
                        if (range.beyond(entry.version().key())) {
                            beyond = true;
                            break;
                        }
                        entries.add(entry);
                    }
                    // Stable: a key held from the response before keeps its versions ahead of their continuation.
                    entries.sort(Comparator.comparing((Entry e) -> e.version().key(), KeyRange.KEY_ORDER));
                    if (beyond || !Boolean.TRUE.equals(response.isTruncated())) {
                        done = true;
                        return page(new KeyRange(coveredAfter, range.upTo()), entries, true, sent);
                    }
                    Marker next = lastInDocument(listed).map(e -> new Marker(e.version().key(), e.version().versionId()
                            .filter(id -> !id.isEmpty()))).orElseThrow(() -> new IllegalStateException(
                            "the server answered a truncated version listing of " + bucket + " without any entry"));
                    if (next.equals(marker.orElse(null))) {
                        throw new IllegalStateException("the server answered a version listing of " + bucket
                                + " ending where it started, at " + next.key() + "; stopping instead of looping");
                    }
                    marker = Optional.of(next);
                    // The last key may continue in the next response: it is held, so pages end on whole keys.
                    PageRelease.Split<Entry> split = PageRelease.split(entries, e -> e.version().key(), next.key(), true,
                            prefix, pageSize);
                    held = split.held();
                    if (split.released().isEmpty()) {
                        continue;
                    }
                    KeyRange covered = new KeyRange(coveredAfter, split.upTo());
                    coveredAfter = split.upTo();
                    return page(covered, split.released(), false, sent);
                }
            }

            /**
             * Whether a listed entry is new: after the pages handed over, and not a version taken already of
             * the marker's key (continued mid-key). Other keys the server lists come after the marker in its
             * own order, whatever UTF-8 says of them.
             */
            private boolean after(Entry entry, List<Entry> taken) {
                String key = entry.version().key();
                if (coveredAfter.filter(a -> KeyRange.compareKeys(key, a) <= 0).isPresent()) {
                    return false; // handed over already, however the marker was continued
                }
                if (marker.isEmpty() || !key.equals(marker.get().key())) {
                    return true;
                }
                if (marker.get().versionId().isEmpty()) {
                    return false; // RGW repeats the marker key when no version-id-marker is sent
                }
                return taken.stream().noneMatch(t -> t.version().key().equals(key)
                        && t.version().versionId().equals(entry.version().versionId()));
            }
        };
    }

    private static WalkPage<KeyHistory> page(KeyRange covered, List<Entry> entries, boolean last,
                                             ListingRequests.Sent<?> sent) {
        return new WalkPage<>(covered, group(entries.stream().map(Entry::version).toList()), last,
                sent.restoreStatusRequested());
    }

    private ListObjectVersionsRequest request(Optional<Marker> marker, boolean withRestoreStatus,
                                              VersionDocumentOrder documentOrder) {
        ListObjectVersionsRequest.Builder builder = Listings.intercepted(ListObjectVersionsRequest.builder(),
                        new ListingEchoGuard(), documentOrder)
                .bucket(bucket)
                .encodingType(EncodingType.URL)
                .maxKeys(pageSize);
        if (!prefix.isEmpty()) {
            builder.prefix(prefix);
        }
        marker.ifPresent(m -> {
            builder.keyMarker(m.key());
            m.versionId().ifPresent(builder::versionIdMarker);
        });
        if (withRestoreStatus) {
            builder.optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS);
        }
        return builder.build();
    }

    /**
     * The response's entries in S3's order. The SDK splits versions and delete markers into two lists;
     * the document order puts them back (LastModified alone ties within a second).
     */
    private static List<Entry> sorted(ListObjectVersionsResponse response, VersionDocumentOrder documentOrder) {
        List<Entry> entries = new ArrayList<>();
        response.versions().forEach(v -> {
            ObjectVersion version = new ObjectVersion(v.key(), Optional.ofNullable(v.versionId()),
                    ObjectSummary.unquoteETag(v.eTag()), v.size() == null ? 0 : v.size(),
                    Listings.storageClass(v.storageClassAsString()), v.lastModified(), false,
                    Listings.restore(v.restoreStatus()));
            entries.add(new Entry(version, Boolean.TRUE.equals(v.isLatest()), documentOrder.indexOf(version)));
        });
        response.deleteMarkers().forEach(m -> {
            ObjectVersion marker = new ObjectVersion(m.key(), Optional.ofNullable(m.versionId()), "", 0, "STANDARD",
                    m.lastModified(), true);
            entries.add(new Entry(marker, Boolean.TRUE.equals(m.isLatest()), documentOrder.indexOf(marker)));
        });
        entries.sort(Comparator.comparing((Entry e) -> e.version().key(), KeyRange.KEY_ORDER)
                .thenComparing(Entry::latest, Comparator.reverseOrder())
                .thenComparing(Entry::version, NEWEST_FIRST)
                .thenComparingInt(Entry::documentIndex));
        return entries;
    }

    /** The entry the document ended with: where the next request starts. */
    private static Optional<Entry> lastInDocument(List<Entry> sorted) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        boolean indexed = sorted.stream().allMatch(e -> e.documentIndex() != Integer.MAX_VALUE);
        return indexed ? sorted.stream().max(Comparator.comparingInt(Entry::documentIndex)) : Optional.of(sorted.getLast());
    }

    private static List<KeyHistory> group(List<ObjectVersion> entries) {
        List<KeyHistory> keys = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= entries.size(); i++) {
            if (i == entries.size() || !entries.get(i).key().equals(entries.get(start).key())) {
                keys.add(new KeyHistory(entries.get(start).key(), entries.subList(start, i)));
                start = i;
            }
        }
        return keys;
    }
}
