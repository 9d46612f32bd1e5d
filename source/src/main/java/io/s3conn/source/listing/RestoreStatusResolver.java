package io.s3conn.source.listing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.s3conn.core.model.RestoreStatus;
import io.s3conn.glacier.ArchiveClassifier;
import io.s3conn.glacier.HeadRestoreStatusLookup;
import io.s3conn.glacier.RestoreStatuses;

/**
 * Settles the restore status of every object of a listing page: from the listing where it can be
 * trusted (see {@link RestoreStatusSource}), with HeadObject (bounded concurrency) where not, and
 * always with HeadObject for Intelligent-Tiering objects without restore history, whose archive tier
 * no listing reveals (unless {@code headIntelligentTiering} is off).
 */
public final class RestoreStatusResolver {

    private final RestoreStatusSource source;
    private final boolean amazonS3;
    private final boolean headIntelligentTiering;
    private final HeadRestoreStatusLookup head;
    private boolean listingProven;

    /**
     * @param source                 the policy
     * @param amazonS3               whether the endpoint is Amazon S3
     * @param listingProven          whether this server has already shown RestoreStatus in a listing
     * @param headIntelligentTiering HEAD Intelligent-Tiering objects to learn their archive tier
     * @param head                   the HEAD lookup to use
     */
    public RestoreStatusResolver(RestoreStatusSource source, boolean amazonS3, boolean listingProven,
                                 boolean headIntelligentTiering, HeadRestoreStatusLookup head) {
        this.source = source;
        this.amazonS3 = amazonS3;
        this.listingProven = listingProven;
        this.headIntelligentTiering = headIntelligentTiering;
        this.head = head;
    }

    /** Whether listings should be asked for restore status at all. */
    public boolean requestFromListing() {
        return source != RestoreStatusSource.HEAD;
    }

    /** True once a listing of this server has carried a RestoreStatus element. */
    public boolean listingProven() {
        return listingProven;
    }

    /** The statuses of one page, in page order. */
    public List<ResolvedObject> resolve(String bucket, ListingPage page) {
        if (page.restoreStatusRequested() && !listingProven
                && page.objects().stream().anyMatch(o -> o.restoreStatus().isPresent())) {
            listingProven = true;
        }
        boolean trusted = page.restoreStatusRequested() && switch (source) {
            case LISTING -> true;
            case AUTO -> amazonS3 || listingProven;
            case HEAD -> false;
        };
        List<Optional<RestoreStatus>> known = new ArrayList<>(page.objects().size());
        List<String> toHead = new ArrayList<>();
        for (ListedObject object : page.objects()) {
            Optional<RestoreStatus> status = fromListing(object, trusted);
            known.add(status);
            if (status.isEmpty()) {
                toHead.add(object.summary().key());
            }
        }
        List<RestoreStatus> headed = toHead.isEmpty() ? List.of() : head.lookup(bucket, toHead);
        List<ResolvedObject> resolved = new ArrayList<>(page.objects().size());
        int next = 0;
        for (int i = 0; i < page.objects().size(); i++) {
            RestoreStatus status = known.get(i).isPresent() ? known.get(i).get() : headed.get(next++);
            resolved.add(new ResolvedObject(page.objects().get(i).summary(), status));
        }
        return resolved;
    }

    /** The status a listing entry settles by itself, or empty when only a HEAD can tell. */
    private Optional<RestoreStatus> fromListing(ListedObject object, boolean trusted) {
        return fromListing(object.summary().storageClass(), object.restoreStatus(), trusted, headIntelligentTiering);
    }

    /**
     * What a listing entry says of its restore status by itself, or empty when only a HEAD can tell:
     * an archived object whose listing is not trusted, or an Intelligent-Tiering object without
     * restore history (unless {@code headIntelligentTiering} is off, then it counts as readable).
     *
     * @param storageClass           the entry's storage class
     * @param restore                the entry's {@code RestoreStatus} element, if any
     * @param trusted                whether this listing's restore status can be trusted
     * @param headIntelligentTiering whether Intelligent-Tiering objects are HEADed for their tier
     */
    public static Optional<RestoreStatus> fromListing(String storageClass, Optional<ListedObject.ListedRestoreStatus> restore,
                                                      boolean trusted, boolean headIntelligentTiering) {
        if (!ArchiveClassifier.mayBeArchived(storageClass)) {
            return Optional.of(RestoreStatus.READABLE);
        }
        if (trusted) {
            Optional<RestoreStatus> status = RestoreStatuses.fromListing(storageClass, restore.isPresent(),
                    restore.map(ListedObject.ListedRestoreStatus::inProgress).orElse(false),
                    restore.flatMap(ListedObject.ListedRestoreStatus::expiry));
            if (status.isPresent()) {
                return status;
            }
        }
        if (!ArchiveClassifier.isArchiveClass(storageClass) && !headIntelligentTiering) {
            return Optional.of(RestoreStatus.READABLE);
        }
        return Optional.empty();
    }
}
