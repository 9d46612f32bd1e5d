package io.s3conn.source.walk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.source.range.KeyRange;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
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
 * echo (see {@link Walk}). Entries are read from the document as it arrives ({@link VersionDocument}), not
 * from the SDK's model of it. A page ends where everything before it was listed in any server's key order
 * ({@link PageRelease}). A walk starting after a key sends {@code key-marker} alone, which Amazon S3
 * treats as "after this key" and Ceph RGW as "from this key": entries at or before the marker key are
 * dropped, and a version already held for the marker key is never taken twice.
 *
 * <p>With {@code requestRestoreStatus}, versions are listed with {@code OptionalObjectAttributes=RestoreStatus}.
 * When the server answers the first request with 400 or 501, it is asked again without the attribute;
 * if that succeeds, the server rejects the attribute and this walk no longer asks for it.
 */
public final class VersionsWalk extends ListingWalk<VersionsWalk.Entry, KeyHistory> {

    private static final Comparator<ObjectVersion> NEWEST_FIRST =
            Comparator.comparing(ObjectVersion::lastModified).reversed();

    /**
     * @param s3                   the client, owned by the caller
     * @param bucket               the bucket
     * @param prefix               only keys starting with this ({@code ""} for all); any byte is fine
     * @param pageSize             versions and delete markers per request ({@code max-keys}), 1 to 1000
     * @param requestRestoreStatus ask for {@code OptionalObjectAttributes=RestoreStatus}
     */
    public VersionsWalk(S3Client s3, String bucket, String prefix, int pageSize, boolean requestRestoreStatus) {
        super(s3, bucket, prefix, pageSize, requestRestoreStatus, true);
    }

    /** 1000 entries a request, without restore status. */
    public VersionsWalk(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, 1000, false);
    }

    /** A listed entry, whether S3 marked it the latest of its key, and where it stood in the document. */
    record Entry(ObjectVersion version, boolean latest, int documentIndex) {
    }

    /**
     * One response, never ending on a null delete marker while more follows: Ceph RGW answers a
     * {@code version-id-marker=null} that names a null delete marker (a delete while versioning was suspended)
     * by going on at the next key, skipping the older versions of the marker's key. Such a last entry is left
     * for the next request, which then starts at the entry before it (S3 lists it again); a response holding
     * only that entry ({@code max-keys} 1) is asked again with one entry more.
     */
    @Override
    Listed<Entry> list(Optional<Marker> from, boolean withRestoreStatus) {
        for (int maxKeys = pageSize; ; maxKeys++) {
            VersionDocument document = new VersionDocument();
            ListObjectVersionsResponse response = s3.listObjectVersions(
                    request(from, withRestoreStatus, document, maxKeys));
            List<Entry> entries = sorted(response, document);
            boolean truncated = Boolean.TRUE.equals(response.isTruncated());
            Optional<Entry> last = lastInDocument(entries).filter(e -> truncated && isNullDeleteMarker(e));
            if (last.isEmpty() || maxKeys == 1000) {
                return new Listed<>(entries, truncated);
            }
            if (entries.size() > 1) {
                entries.remove(last.get());
                return new Listed<>(entries, true);
            }
            countRequest();
        }
    }

    private static boolean isNullDeleteMarker(Entry entry) {
        return entry.version().deleteMarker()
                && entry.version().versionId().filter(ObjectVersion.NULL_VERSION_ID::equals).isPresent();
    }

    @Override
    String key(Entry entry) {
        return entry.version().key();
    }

    @Override
    Optional<String> versionId(Entry entry) {
        return entry.version().versionId();
    }

    @Override
    Marker next(List<Entry> listed, Optional<Marker> from) {
        Marker next = lastInDocument(listed).map(e -> new Marker(e.version().key(), e.version().versionId()
                .filter(id -> !id.isEmpty()))).orElseThrow(() -> new IllegalStateException(
                "the server answered a truncated version listing of " + bucket + " without any entry"));
        if (next.equals(from.orElse(null))) {
            throw new IllegalStateException("the server answered a version listing of " + bucket
                    + " ending where it started, at " + next.key() + "; stopping instead of looping");
        }
        return next;
    }

    @Override
    List<KeyHistory> page(List<Entry> entries) {
        return group(entries.stream().map(Entry::version).toList());
    }

    private ListObjectVersionsRequest request(Optional<Marker> marker, boolean withRestoreStatus,
                                              VersionDocument document, int maxKeys) {
        ListObjectVersionsRequest.Builder builder = Listings.intercepted(ListObjectVersionsRequest.builder(), document)
                .bucket(bucket)
                .encodingType(EncodingType.URL)
                .maxKeys(maxKeys);
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
     * The response's entries in S3's order: those read from the document as it arrived, and any the document left
     * to the SDK, which splits versions and delete markers into two lists; the document order puts them back
     * (LastModified alone ties within a second).
     */
    private static List<Entry> sorted(ListObjectVersionsResponse response, VersionDocument documentOrder) {
        List<Entry> entries = new ArrayList<>();
        for (VersionDocument.Indexed read : documentOrder.read()) {
            entries.add(new Entry(read.element().version(), read.element().latest(), read.index()));
        }
        response.versions().forEach(v -> {
            ObjectVersion version = version(v);
            entries.add(new Entry(version, Boolean.TRUE.equals(v.isLatest()), documentOrder.indexOf(version)));
        });
        response.deleteMarkers().forEach(m -> {
            ObjectVersion marker = marker(m);
            entries.add(new Entry(marker, Boolean.TRUE.equals(m.isLatest()), documentOrder.indexOf(marker)));
        });
        entries.sort(Comparator.comparing((Entry e) -> e.version().key(), KeyRange.KEY_ORDER)
                .thenComparing(Entry::latest, Comparator.reverseOrder())
                .thenComparing(Entry::version, NEWEST_FIRST)
                .thenComparingInt(Entry::documentIndex));
        return entries;
    }

    /** A version as the SDK's model of a document has it. */
    static ObjectVersion version(software.amazon.awssdk.services.s3.model.ObjectVersion v) {
        return new ObjectVersion(v.key(), Optional.ofNullable(v.versionId()), ObjectSummary.unquoteETag(v.eTag()),
                v.size() == null ? 0 : v.size(), Listings.storageClass(v.storageClassAsString()), v.lastModified(), false,
                Listings.restore(v.restoreStatus()));
    }

    /** A delete marker as the SDK's model of a document has it. */
    static ObjectVersion marker(DeleteMarkerEntry m) {
        return new ObjectVersion(m.key(), Optional.ofNullable(m.versionId()), "", 0, "STANDARD", m.lastModified(), true);
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
