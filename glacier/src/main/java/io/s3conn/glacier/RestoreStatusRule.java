package io.s3conn.glacier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

import io.s3conn.core.model.RestoreStatus;

/**
 * The one rule that settles the restore status of listed objects and versions.
 *
 * <ul>
 *   <li>Objects that cannot be archived are readable; delete markers too.</li>
 *   <li>A listing's {@code RestoreStatus} element is trusted only where that is known to be right
 *       (see {@link RestoreStatusSource}): on Amazon S3, once the server has shown the element
 *       ({@link ListingRestoreStatus#PROVEN}), or when told to ({@link RestoreStatusSource#LISTING}).
 *       Elsewhere archived objects are looked up with HeadObject (bounded concurrency), and so are
 *       Intelligent-Tiering objects without restore history, whose archive tier no listing reveals
 *       (unless {@code headIntelligentTiering} is off).</li>
 *   <li>A server not known to enforce archive classes (anything but Amazon S3) has the first object
 *       found archived probed with a one-byte GET ({@link ArchiveEnforcementProbe}). If the server
 *       serves it, its classes are labels ({@link ArchiveEnforcement#NOT_ENFORCED}): every object is
 *       readable and none is looked up again. Either answer is kept in {@link #traits()}, which callers
 *       store in their checkpoints, so this costs one request per server, not one per run. On Amazon S3
 *       no probe is ever sent.</li>
 * </ul>
 *
 * <p>Not thread-safe: one rule per walk.
 */
public final class RestoreStatusRule {

    private final RestoreStatusSource source;
    private final boolean headIntelligentTiering;
    private final HeadRestoreStatusLookup head;
    private final ArchiveEnforcementProbe probe;
    private ServerTraits traits;

    /**
     * One entry of a listing page to settle.
     *
     * @param key          the key
     * @param versionId    the version to look up with HEAD and GET (empty for the current object)
     * @param storageClass the entry's storage class
     * @param listed       the entry's {@code RestoreStatus} element, if the listing carried one
     * @param deleteMarker true for a delete marker: always readable, never looked up
     */
    public record Entry(String key, Optional<String> versionId, String storageClass, Optional<ListedRestore> listed,
                        boolean deleteMarker) {
        /** Refuses a null value, by its name. */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(versionId, "versionId");
            Objects.requireNonNull(storageClass, "storageClass");
            Objects.requireNonNull(listed, "listed");
        }

        /** A current object. */
        public static Entry object(String key, String storageClass, Optional<ListedRestore> listed) {
            return new Entry(key, Optional.empty(), storageClass, listed, false);
        }
    }

    /**
     * @param source                 where statuses come from
     * @param known                  what is known of the server so far (e.g. from a checkpoint)
     * @param headIntelligentTiering HEAD Intelligent-Tiering objects to learn their archive tier
     * @param head                   the HEAD lookup, owned by the caller
     * @param probe                  the enforcement probe
     */
    public RestoreStatusRule(RestoreStatusSource source, ServerTraits known, boolean headIntelligentTiering,
                             HeadRestoreStatusLookup head, ArchiveEnforcementProbe probe) {
        this.source = Objects.requireNonNull(source, "source");
        this.traits = Objects.requireNonNull(known, "known");
        this.headIntelligentTiering = headIntelligentTiering;
        this.head = Objects.requireNonNull(head, "head");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** Whether listings should be asked for restore status at all. */
    public boolean requestFromListing() {
        return source != RestoreStatusSource.HEAD;
    }

    /** What is known of the server now, including what this rule learned. */
    public ServerTraits traits() {
        return traits;
    }

    /** Records that the server refused the listing attribute. */
    public void listingRejected() {
        traits = traits.withListing(ListingRestoreStatus.REJECTED);
    }

    /** Whether a page listed with (or without) the attribute has its statuses taken from the listing. */
    public boolean listingTrusted(boolean requested) {
        return requested && switch (source) {
            case LISTING -> true;
            case AUTO -> traits.amazonS3() || traits.listing() == ListingRestoreStatus.PROVEN;
            case HEAD -> false;
        };
    }

    /** HEAD requests sent so far: what summaries report as lookups. */
    public long headRequestCount() {
        return head.requestCount();
    }

    /** Enforcement probes (one-byte GETs) sent so far: at most one per server until its answer is stored. */
    public long probeCount() {
        return probe.requestCount();
    }

    /**
     * The statuses of one page's entries, in the same order.
     *
     * @param bucket           the bucket
     * @param listingRequested whether the page was listed with {@code OptionalObjectAttributes=RestoreStatus}
     * @param entries          the page's entries
     */
    public List<RestoreStatus> resolve(String bucket, boolean listingRequested, List<Entry> entries) {
        if (listingRequested && traits.listing() != ListingRestoreStatus.PROVEN
                && entries.stream().anyMatch(e -> e.listed().isPresent())) {
            traits = traits.withListing(ListingRestoreStatus.PROVEN);
        }
        boolean trusted = listingTrusted(listingRequested);
        List<Optional<RestoreStatus>> known = new ArrayList<>(entries.size());
        List<Entry> toHead = new ArrayList<>();
        for (Entry entry : entries) {
            Optional<RestoreStatus> status = withoutLookup(entry, trusted);
            known.add(status);
            if (status.isEmpty()) {
                toHead.add(entry);
            }
        }
        List<RestoreStatus> headed = toHead.isEmpty() ? List.of() : lookUp(bucket, toHead);
        List<RestoreStatus> statuses = new ArrayList<>(entries.size());
        int next = 0;
        for (Optional<RestoreStatus> status : known) {
            statuses.add(status.isPresent() ? status.get() : headed.get(next++));
        }
        return probeEnforcement(bucket, entries, statuses);
    }

    /**
     * The HEAD statuses of {@code entries}, in order. While the server's enforcement is unknown, the first entry of an
     * archive class is looked up alone, and probed at once if HEAD calls it archived: where archive classes are labels
     * (Ceph RGW, whose HEAD never carries {@code x-amz-restore}) the others are then readable without a HEAD, so a
     * first sync costs one HEAD and one GET instead of a HEAD for every archive-class object of its first pages.
     * The others are looked up together, with the lookup's concurrency, whatever that first answer was.
     */
    private List<RestoreStatus> lookUp(String bucket, List<Entry> entries) {
        List<HeadRestoreStatusLookup.Target> targets = entries.stream()
                .map(entry -> new HeadRestoreStatusLookup.Target(entry.key(), entry.versionId())).toList();
        int first = traits.enforcement() != ArchiveEnforcement.UNKNOWN ? -1
                : IntStream.range(0, entries.size()).filter(i -> ArchiveClassifier.isArchiveClass(entries.get(i).storageClass()))
                        .findFirst().orElse(-1);
        if (first < 0) {
            return head.lookupVersions(bucket, targets);
        }
        RestoreStatus firstStatus = head.lookupVersions(bucket, List.of(targets.get(first))).getFirst();
        if (firstStatus instanceof RestoreStatus.Archived) {
            learnEnforcement(bucket, entries.get(first));
        }
        if (traits.enforcement() == ArchiveEnforcement.NOT_ENFORCED) {
            return Collections.nCopies(entries.size(), RestoreStatus.READABLE);
        }
        List<HeadRestoreStatusLookup.Target> others = new ArrayList<>(targets);
        others.remove(first);
        List<RestoreStatus> statuses = new ArrayList<>(others.isEmpty() ? List.of() : head.lookupVersions(bucket, others));
        statuses.add(first, firstStatus);
        return statuses;
    }

    /** Asks the server, with {@code entry}, whether it enforces archive classes, and keeps the answer. */
    private void learnEnforcement(String bucket, Entry entry) {
        traits = traits.withEnforcement(probe.probe(bucket, entry.key(), entry.versionId()));
    }

    /** The status an entry settles by itself, or empty when only a HEAD can tell. */
    private Optional<RestoreStatus> withoutLookup(Entry entry, boolean trusted) {
        if (entry.deleteMarker() || traits.enforcement() == ArchiveEnforcement.NOT_ENFORCED) {
            return Optional.of(RestoreStatus.READABLE);
        }
        return fromListing(entry.storageClass(), entry.listed(), trusted, headIntelligentTiering);
    }

    /** Where archived objects may be readable after all, asks the server once with the first of them. */
    private List<RestoreStatus> probeEnforcement(String bucket, List<Entry> entries, List<RestoreStatus> statuses) {
        // No early return when the enforcement is known: lookUp may have learnt it on this very page, after entries
        // the listing settled were called archived.
        for (int i = 0; i < entries.size() && traits.enforcement() == ArchiveEnforcement.UNKNOWN; i++) {
            if (statuses.get(i) instanceof RestoreStatus.Archived) {
                learnEnforcement(bucket, entries.get(i));
            }
        }
        if (traits.enforcement() != ArchiveEnforcement.NOT_ENFORCED) {
            return statuses;
        }
        return statuses.stream().map(s -> s instanceof RestoreStatus.Archived ? RestoreStatus.READABLE : s).toList();
    }

    /**
     * What a listing entry says of its restore status by itself, or empty when only a HEAD can tell:
     * an archived object whose listing is not trusted, or an Intelligent-Tiering object without restore
     * history (unless {@code headIntelligentTiering} is off, then it counts as readable).
     */
    static Optional<RestoreStatus> fromListing(String storageClass, Optional<ListedRestore> restore, boolean trusted,
                                               boolean headIntelligentTiering) {
        if (!ArchiveClassifier.mayBeArchived(storageClass)) {
            return Optional.of(RestoreStatus.READABLE);
        }
        if (trusted) {
            Optional<RestoreStatus> status = RestoreStatuses.fromListing(storageClass, restore.isPresent(),
                    restore.map(ListedRestore::inProgress).orElse(false), restore.flatMap(ListedRestore::expiry));
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
