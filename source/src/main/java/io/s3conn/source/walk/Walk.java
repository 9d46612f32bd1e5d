package io.s3conn.source.walk;

import java.util.Iterator;
import java.util.List;

import io.s3conn.source.range.KeyRange;

/**
 * A walk over the keys of a bucket under a prefix, restricted to a {@link KeyRange}, page by page in
 * S3's key order. Every page covers exactly the range reported in {@link WalkPage#covered()}, so a
 * page can be compared with the stored rows of that range.
 *
 * <p>Markers of the next request are derived from the last entry of the response as decoded from its
 * {@code Key} (and version id), never from the {@code NextKeyMarker}/{@code StartAfter}/{@code Prefix}
 * echoes: Ceph RGW returns those unencoded while {@code Key} is URL-encoded. Entries at or before the
 * end of the pages handed over are dropped, and so is the marker key itself, because RGW's
 * {@code key-marker} without {@code version-id-marker} includes the marker key where Amazon S3 starts
 * after it. Other entries are taken whatever UTF-8 order says of them: a server lists after the marker in
 * its own order ({@link PageRelease}).
 *
 * @param <E> the entry type: {@link ListedObject} for current objects, {@link KeyHistory} for versions
 */
public interface Walk<E> {

    /**
     * The pages of {@code range}; requests are sent as the iterator is advanced. A page is never empty
     * unless it is the last one. Failures (SDK exceptions) surface from {@code hasNext}/{@code next}.
     */
    Iterator<WalkPage<E>> pages(KeyRange range);

    /** List requests sent so far, by all walks of this object. */
    long requestCount();

    /**
     * Whether the pages returned so far were requested with {@code OptionalObjectAttributes=RestoreStatus}.
     * Settled before the first page of a walk is returned.
     */
    boolean restoreStatusRequested();

    /** True once the server refused the {@code RestoreStatus} attribute (400 or 501 to a listing asking for it). */
    boolean restoreStatusRejected();

    /** Entries a full page holds ({@code max-keys}): where a plan cuts a range so that its parts hold whole pages. */
    default int pageSize() {
        return 1000;
    }

    /**
     * The folders directly below {@code parent} (a folder under the walk's prefix, ending in {@code /}) that hold
     * keys after {@code after}, in key order, up to a page of them: one ListObjectsV2 with delimiter {@code /}.
     * A walker splits a range of many small folders at their names, as a plan does, instead of at points its
     * last page's density places, most of which fall where no key lies when names are numbered. Empty where
     * the walk cannot tell; then the range is split by density.
     */
    default List<String> foldersAfter(String parent, String after) {
        return List.of();
    }

    /**
     * Whether a page that ends with the range's upper bound is the range's last: true where a key has one
     * entry; a key's versions may go on in the next response, so a versions walk asks once more.
     */
    default boolean endsAtUpperBound() {
        return false;
    }
}
