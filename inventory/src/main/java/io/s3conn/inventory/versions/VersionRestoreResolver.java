package io.s3conn.inventory.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.s3conn.core.model.RestoreStatus;
import io.s3conn.glacier.HeadRestoreStatusLookup;
import io.s3conn.source.listing.RestoreStatusResolver;
import io.s3conn.source.listing.RestoreStatusSource;
import io.s3conn.source.s3.HistoryPage;
import io.s3conn.source.s3.KeyHistory;
import io.s3conn.source.s3.ObjectVersion;

/**
 * Settles the restore status of every version of a page, with the object inventory's trust rules
 * (see {@code RestoreStatusResolver}): the listing's {@code RestoreStatus} element where the listing
 * can be trusted (Amazon S3, a server that has shown the element, or {@link RestoreStatusSource#LISTING}),
 * HeadObject with the version id where not, and always HeadObject for Intelligent-Tiering versions
 * without restore history (unless {@code headIntelligentTiering} is off). Delete markers are readable
 * ({@code ""}) and never looked up.
 */
final class VersionRestoreResolver {

    private final RestoreStatusSource source;
    private final boolean amazonS3;
    private final boolean headIntelligentTiering;
    private final HeadRestoreStatusLookup head;
    private boolean listingProven;

    VersionRestoreResolver(RestoreStatusSource source, boolean amazonS3, boolean listingProven,
                           boolean headIntelligentTiering, HeadRestoreStatusLookup head) {
        this.source = source;
        this.amazonS3 = amazonS3;
        this.listingProven = listingProven;
        this.headIntelligentTiering = headIntelligentTiering;
        this.head = head;
    }

    /** Whether listings should be asked for restore status at all. */
    boolean requestFromListing() {
        return source != RestoreStatusSource.HEAD;
    }

    /** True once a listing of this server has carried a RestoreStatus element. */
    boolean listingProven() {
        return listingProven;
    }

    /** Whether a page requested with (or without) the attribute has its statuses taken from the listing. */
    boolean listingTrusted(boolean requested) {
        return requested && switch (source) {
            case LISTING -> true;
            case AUTO -> amazonS3 || listingProven;
            case HEAD -> false;
        };
    }

    /** Every version and delete marker of a page, in page order (key order, newest first within a key). */
    List<VersionEntry> resolve(String bucket, HistoryPage page, boolean requested) {
        if (requested && !listingProven && page.keys().stream().flatMap(k -> k.newestFirst().stream())
                .anyMatch(v -> v.restoreStatus().isPresent())) {
            listingProven = true;
        }
        boolean trusted = listingTrusted(requested);
        List<ObjectVersion> versions = new ArrayList<>();
        List<Boolean> latest = new ArrayList<>();
        List<Optional<RestoreStatus>> known = new ArrayList<>();
        List<HeadRestoreStatusLookup.Target> toHead = new ArrayList<>();
        for (KeyHistory history : page.keys()) {
            for (int i = 0; i < history.newestFirst().size(); i++) {
                ObjectVersion version = history.newestFirst().get(i);
                Optional<RestoreStatus> status = version.deleteMarker()
                        ? Optional.of(RestoreStatus.READABLE) : fromListing(version, trusted);
                versions.add(version);
                latest.add(i == 0);
                known.add(status);
                if (status.isEmpty()) {
                    // The current "null" version is the plain object: asked without versionId, which every server supports.
                    Optional<String> versionId = version.versionId().filter(id -> !id.isEmpty())
                            .filter(id -> !(history.newestFirst().getFirst() == version && VersionEntry.NULL_VERSION_ID.equals(id)));
                    toHead.add(new HeadRestoreStatusLookup.Target(version.key(), versionId));
                }
            }
        }
        List<RestoreStatus> headed = toHead.isEmpty() ? List.of() : head.lookupVersions(bucket, toHead);
        List<VersionEntry> entries = new ArrayList<>(versions.size());
        int next = 0;
        for (int i = 0; i < versions.size(); i++) {
            RestoreStatus status = known.get(i).isPresent() ? known.get(i).get() : headed.get(next++);
            entries.add(VersionEntry.of(versions.get(i), latest.get(i), status));
        }
        return entries;
    }

    /** The status a listing entry settles by itself, or empty when only a HEAD can tell. */
    private Optional<RestoreStatus> fromListing(ObjectVersion version, boolean trusted) {
        return RestoreStatusResolver.fromListing(version.storageClass(), version.restoreStatus(), trusted,
                headIntelligentTiering);
    }
}
