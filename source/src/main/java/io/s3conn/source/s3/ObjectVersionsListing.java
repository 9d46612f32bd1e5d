package io.s3conn.source.s3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.glacier.ArchiveClassifier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/**
 * Versioned buckets: ListObjectVersions, every version and delete marker of each key. A key whose
 * versions straddle two responses is held back until it is complete, so every page ends on a whole key.
 */
final class ObjectVersionsListing implements ChangeListing {

    private static final Comparator<ObjectVersion> NEWEST_FIRST =
            Comparator.comparing(ObjectVersion::lastModified).reversed();

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private long requests;

    ObjectVersionsListing(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public Iterator<HistoryPage> pages(Optional<String> startAfter) {
        ListObjectVersionsRequest.Builder request = ListObjectVersionsRequest.builder().bucket(bucket)
                .encodingType(EncodingType.URL).maxKeys(1000);
        if (!prefix.isEmpty()) {
            request.prefix(prefix);
        }
        startAfter.ifPresent(request::keyMarker);
        // S3's XML interleaves versions and delete markers in their true order; the SDK splits them in two
        // lists, and LastModified (whole seconds) cannot put them back together: keep the document order.
        VersionDocumentOrder documentOrder = new VersionDocumentOrder();
        request.overrideConfiguration(o -> o.addPlugin(config -> config.overrideConfiguration(c ->
                c.addExecutionInterceptor(documentOrder))));
        Iterator<ListObjectVersionsResponse> responses = s3.listObjectVersionsPaginator(request.build()).iterator();
        return new Iterator<>() {
            private List<Entry> pending = new ArrayList<>();
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public HistoryPage next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                ListObjectVersionsResponse response = responses.next();
                requests++;
                List<Entry> unsorted = new ArrayList<>(pending);
                response.versions().forEach(v -> unsorted.add(new Entry(new ObjectVersion(v.key(),
                        Optional.ofNullable(v.versionId()), ObjectSummary.unquoteETag(v.eTag()), v.size() == null ? 0 : v.size(),
                        ArchiveClassifier.normalize(v.storageClassAsString()), v.lastModified(), false),
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
    static int utf8Order(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public long requestCount() {
        return requests;
    }
}
