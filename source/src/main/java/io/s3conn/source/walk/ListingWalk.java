package io.s3conn.source.walk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.s3conn.source.range.KeyRange;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * What both walks do alike: the listing's settings, its requests ({@link ListingRequests}) and the paging
 * loop that turns responses into pages. A walk adds only what its listing call differs in: the request and
 * its entries, where the next request starts, and what a page holds.
 *
 * <p>The loop, for every response: entries listed before are dropped (those handed over already, and the
 * marker's key listed again); the rest join those held from earlier responses, in key order; a page is released where everything before it was
 * listed in any server's key order ({@link PageRelease}). The next request starts at the {@link Marker}
 * the walk derives from the response's entries, never from the server's echoes (see {@link Walk}).
 *
 * @param <E> an entry as a response lists it
 * @param <P> an entry of a page
 */
abstract sealed class ListingWalk<E, P> implements Walk<P> permits CurrentObjectsWalk, VersionsWalk {

    final S3Client s3;
    final String bucket;
    final String prefix;
    final int pageSize;
    private final ListingRequests requests;
    private final boolean keysContinue;

    /**
     * @param s3                   the client, owned by the caller
     * @param bucket               the bucket
     * @param prefix               only keys starting with this ({@code ""} for all); any byte is fine
     * @param pageSize             entries per request ({@code max-keys}), 1 to 1000
     * @param requestRestoreStatus ask for {@code OptionalObjectAttributes=RestoreStatus}
     * @param keysContinue         whether a key's entries may continue in the next response (a key's versions)
     */
    ListingWalk(S3Client s3, String bucket, String prefix, int pageSize, boolean requestRestoreStatus,
                boolean keysContinue) {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be between 1 and 1000, was " + pageSize);
        }
        DirectoryBucketException.refuseDirectoryBucket(bucket);
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.pageSize = pageSize;
        this.requests = new ListingRequests(requestRestoreStatus);
        this.keysContinue = keysContinue;
    }

    /** Where a request starts: after this key, or after this version of it. */
    record Marker(String key, Optional<String> versionId) {
    }

    /**
     * One response.
     *
     * @param entries   its entries, in the order {@link #next} reads them
     * @param truncated whether the server has more after them
     */
    record Listed<E>(List<E> entries, boolean truncated) {
    }

    /** Sends one request, starting after {@code from} (at the start of the prefix when empty). */
    abstract Listed<E> list(Optional<Marker> from, boolean withRestoreStatus);

    /** Counts a request a walk sent again within {@link #list} (which {@link #requestCount()} reports). */
    final void countRequest() {
        requests.countRequest();
    }

    /** An entry's key, decoded. */
    abstract String key(E entry);

    /** An entry's version id; empty where the listing has none. */
    abstract Optional<String> versionId(E entry);

    /**
     * Where the request after a truncated response starts: at its last entry.
     *
     * @throws IllegalStateException when the response did not get past {@code from}, so asking again would loop
     */
    abstract Marker next(List<E> listed, Optional<Marker> from);

    /** A page's entries, from the entries it releases in key order. */
    abstract List<P> page(List<E> entries);

    @Override
    public final boolean restoreStatusRejected() {
        return requests.restoreStatusRejected();
    }

    @Override
    public final boolean restoreStatusRequested() {
        return requests.restoreStatusRequested();
    }

    /** One ListObjectsV2 with delimiter, counted with the walk's requests; current objects' folders also for a versions walk. */
    @Override
    public final List<String> foldersAfter(String parent, String after) {
        if (!parent.startsWith(prefix)) {
            return List.of();
        }
        ListObjectsV2Request.Builder request = GuardedListings.listObjectsV2().bucket(bucket).delimiter("/")
                .startAfter(after).maxKeys(pageSize).encodingType(EncodingType.URL);
        if (!parent.isEmpty()) {
            request.prefix(parent);
        }
        ListObjectsV2Response response = requests.send(with -> s3.listObjectsV2(request.build())).response();
        return response.commonPrefixes().stream().map(CommonPrefix::prefix).sorted(KeyRange.KEY_ORDER).toList();
    }

    @Override
    public final long requestCount() {
        return requests.count();
    }

    @Override
    public final int pageSize() {
        return pageSize;
    }

    @Override
    public final boolean endsAtUpperBound() {
        return !keysContinue;
    }

    /**
     * Whether {@code entries} (in key order) end with the range's last key, where a key has one entry: nothing of
     * the range can follow, so the walk is done without asking for an empty page. A next walk's plan ends its
     * parts at keys ({@code AlignedCuts}), which made that request one more per part on every poll.
     */
    private boolean endListed(List<E> entries, KeyRange range) {
        return endsAtUpperBound() && !entries.isEmpty() && range.upTo().equals(Optional.of(key(entries.getLast())));
    }

    @Override
    public final Iterator<WalkPage<P>> pages(KeyRange range) {
        return new Iterator<>() {
            private Optional<Marker> marker = range.after().map(key -> new Marker(key, Optional.empty()));
            private Optional<String> coveredAfter = range.after();
            /** Listed, not handed over yet (see {@link PageRelease}); in key order. */
            private List<E> held = List.of();
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public WalkPage<P> next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                while (true) {
                    Optional<Marker> from = marker;
                    ListingRequests.Sent<Listed<E>> sent = requests.send(with -> list(from, with));
                    List<E> listed = sent.response().entries();
                    List<E> entries = new ArrayList<>(held.size() + listed.size());
                    entries.addAll(held);
                    boolean beyond = false;
                    for (E entry : listed) {
                        if (listedBefore(entry, entries)) {
                            continue;
                        }
                        if (range.beyond(key(entry))) {
                            beyond = true;
                            break;
                        }
                        entries.add(entry);
                    }
                    // Stable: a key held from the response before keeps its versions ahead of their continuation.
                    entries.sort(Comparator.comparing(ListingWalk.this::key, KeyRange.KEY_ORDER));
                    if (beyond || !sent.response().truncated() || endListed(entries, range)) {
                        done = true;
                        return new WalkPage<>(new KeyRange(coveredAfter, range.upTo()), page(entries), true,
                                sent.restoreStatusRequested());
                    }
                    Marker next = ListingWalk.this.next(listed, marker);
                    marker = Optional.of(next);
                    // A key that may continue in the next response is held, so pages end on whole keys.
                    PageRelease.Split<E> split = PageRelease.split(entries, ListingWalk.this::key, next.key(),
                            keysContinue, prefix, pageSize);
                    held = split.held();
                    if (split.released().isEmpty()) {
                        continue;
                    }
                    KeyRange covered = new KeyRange(coveredAfter, split.upTo());
                    coveredAfter = split.upTo();
                    return new WalkPage<>(covered, page(split.released()), false, sent.restoreStatusRequested());
                }
            }

            /**
             * Whether a listed entry was taken before: it is at or before the end of the pages handed over
             * (or the walk's start), or it is the marker's key again. A marker without a version id is a key
             * to start after, which RGW lists again (its {@code key-marker} alone includes the key); with one
             * (continued mid-key), only the versions of that key taken already are dropped. Other keys the
             * server lists come after the marker in its own order, whatever UTF-8 says of them.
             */
            private boolean listedBefore(E entry, List<E> taken) {
                String key = key(entry);
                if (coveredAfter.filter(after -> KeyRange.compareKeys(key, after) <= 0).isPresent()) {
                    return true; // handed over already, however the marker was continued
                }
                if (marker.isEmpty() || !key.equals(marker.get().key())) {
                    return false;
                }
                if (marker.get().versionId().isEmpty()) {
                    return true;
                }
                return taken.stream().anyMatch(t -> key(t).equals(key) && versionId(t).equals(versionId(entry)));
            }
        };
    }
}
