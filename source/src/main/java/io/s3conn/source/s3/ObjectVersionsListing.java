package io.s3conn.source.s3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.glacier.ArchiveClassifier;
import io.s3conn.source.listing.ListedObject;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Versioned buckets: ListObjectVersions, every version and delete marker of each key. A key whose
 * versions straddle two responses is held back until it is complete, so every page ends on a whole key
 * (and a response holding only part of one key's history yields an empty page that is not the last).
 *
 * <p>With {@code requestRestoreStatus}, versions are listed with {@code OptionalObjectAttributes=RestoreStatus}
 * and carry the element in {@link ObjectVersion#restoreStatus()}. When the server answers the first
 * response of a walk with 400 or 501, it is requested again without the attribute; if that succeeds, the
 * server rejects the attribute, {@link #restoreStatusRejected()} becomes true and this listing no longer
 * asks for it. Whether the listing can be trusted to show every restore is the caller's decision (see
 * {@link io.s3conn.source.listing.RestoreStatusSource}).
 */
public final class ObjectVersionsListing implements ChangeListing {

    private static final Comparator<ObjectVersion> NEWEST_FIRST =
            Comparator.comparing(ObjectVersion::lastModified).reversed();

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int pageSize;
    private final boolean requestRestoreStatus;
    private volatile boolean restoreStatusRejected;
    private volatile long requests;

    /** 1000 entries a response, without restore status. */
    public ObjectVersionsListing(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, 1000, false);
    }

    /**
     * @param s3                   the client, owned by the caller
     * @param bucket               the bucket
     * @param prefix               only keys starting with this ({@code ""} for all)
     * @param pageSize             versions and delete markers per response ({@code max-keys}), 1 to 1000
     * @param requestRestoreStatus ask for {@code OptionalObjectAttributes=RestoreStatus}
     */
    public ObjectVersionsListing(S3Client s3, String bucket, String prefix, int pageSize, boolean requestRestoreStatus) {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be between 1 and 1000, was " + pageSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.pageSize = pageSize;
        this.requestRestoreStatus = requestRestoreStatus;
    }

    /** True once the server has refused the {@code RestoreStatus} attribute. */
    public boolean restoreStatusRejected() {
        return restoreStatusRejected;
    }

    /**
     * Whether the pages returned so far were requested with {@code OptionalObjectAttributes=RestoreStatus};
     * settled before the first page of a walk is returned.
     */
    public boolean restoreStatusRequested() {
        return requestRestoreStatus && !restoreStatusRejected;
    }

    @Override
    public Iterator<HistoryPage> pages(Optional<String> startAfter) {
        ListObjectVersionsRequest.Builder request = ListObjectVersionsRequest.builder().bucket(bucket)
                .encodingType(EncodingType.URL).maxKeys(pageSize);
        if (!prefix.isEmpty()) {
            request.prefix(prefix);
        }
        startAfter.ifPresent(request::keyMarker);
        // S3's XML interleaves versions and delete markers in their true order; the SDK splits them in two
        // lists, and LastModified (whole seconds) cannot put them back together: keep the document order.
        VersionDocumentOrder documentOrder = new VersionDocumentOrder();
        request.overrideConfiguration(o -> o.addPlugin(config -> config.overrideConfiguration(c ->
                c.addExecutionInterceptor(documentOrder))));
        ListObjectVersionsRequest plain = request.build();
        boolean withRestoreStatus = restoreStatusRequested();
        return new Iterator<>() {
            private Iterator<ListObjectVersionsResponse> responses;
            private List<Entry> pending = new ArrayList<>();
            private boolean done;

            private ListObjectVersionsResponse nextResponse() {
                if (responses != null) {
                    return responses.next();
                }
                if (!withRestoreStatus) {
                    responses = s3.listObjectVersionsPaginator(plain).iterator();
                    return responses.next();
                }
                responses = s3.listObjectVersionsPaginator(plain.toBuilder()
                        .optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS).build()).iterator();
                try {
                    return responses.next();
                } catch (S3Exception e) {
                    if (e.statusCode() != 400 && e.statusCode() != 501) {
                        throw e;
                    }
                    // Asked again without the attribute: if this fails too, its error is the real one.
                    responses = s3.listObjectVersionsPaginator(plain).iterator();
                    ListObjectVersionsResponse first = responses.next();
                    restoreStatusRejected = true;
                    return first;
                }
            }

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public HistoryPage next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                ListObjectVersionsResponse response = nextResponse();
                requests++;
                List<Entry> unsorted = new ArrayList<>(pending);
                response.versions().forEach(v -> unsorted.add(new Entry(new ObjectVersion(v.key(),
                        Optional.ofNullable(v.versionId()), ObjectSummary.unquoteETag(v.eTag()), v.size() == null ? 0 : v.size(),
                        ArchiveClassifier.normalize(v.storageClassAsString()), v.lastModified(), false,
                        Optional.ofNullable(v.restoreStatus()).map(r -> new ListedObject.ListedRestoreStatus(
                                Boolean.TRUE.equals(r.isRestoreInProgress()), Optional.ofNullable(r.restoreExpiryDate())))),
                        Boolean.TRUE.equals(v.isLatest()))));
                response.deleteMarkers().forEach(m -> unsorted.add(new Entry(new ObjectVersion(m.key(),
                        Optional.ofNullable(m.versionId()), "", 0, "STANDARD", m.lastModified(), true),
                        Boolean.TRUE.equals(m.isLatest()))));
                // The SDK splits versions and delete markers into two lists: put each key's entries back in
                // order, the latest first (LastModified alone ties within a second).
                unsorted.sort(Comparator.comparing((Entry e) -> e.version().key(), ObjectVersionsListing::utf8Order)
                        .thenComparing(Entry::latest, Comparator.reverseOrder())
                        .thenComparing(Entry::version, NEWEST_FIRST)
                        .thenComparing(e -> documentOrder.indexOf(e.version())));
                documentOrder.clear();
                List<Entry> entries = unsorted;
                boolean last = !Boolean.TRUE.equals(response.isTruncated());
                done = last;
                pending = new ArrayList<>();
                if (!last && !entries.isEmpty()) {
                    String tailKey = entries.getLast().version().key();
                    while (!entries.isEmpty() && entries.getLast().version().key().equals(tailKey)) {
                        pending.addFirst(entries.removeLast());
                    }
                }
                return new HistoryPage(group(entries.stream().map(Entry::version).toList()), last);
            }
        };
    }

    /** A listing entry and whether S3 marked it the latest of its key. */
    private record Entry(ObjectVersion version, boolean latest) {
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

    /** S3's key order: UTF-8 bytes, which differs from String order for characters outside the BMP. */
    public static int utf8Order(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public long requestCount() {
        return requests;
    }
}
