package io.s3conn.source.change;

import java.util.Optional;

/**
 * What S3 holds now for exactly one key, as the entry a full listing would show: how the notification
 * detector resolves an event, so that events and the reconciling listing compare alike with what was
 * emitted. One request per key.
 *
 * <p>Which request is exact depends on the bucket:
 * <ul>
 *   <li>Unversioned ({@link HeadKeyLookup}): a HeadObject. The key has one object or none, and a HEAD shows
 *       the same ETag, size, storage class and time (to the second, which is all
 *       {@link io.s3conn.source.walk.ObjectVersion#sameAs} compares) as a listing.</li>
 *   <li>Versioned ({@link ListingKeyLookup}): a ListObjectVersions with the key as prefix. The source emits
 *       every version newer than the one it emitted, oldest first, delete markers as deletes; an event names
 *       one version, and events may be late, repeated or lost, so only the key's version list says which
 *       versions lie between. A HEAD of the event's version would be exact for that version alone.</li>
 * </ul>
 */
public sealed interface KeyLookup permits HeadKeyLookup, ListingKeyLookup {

    /** The key as a listing shows it now; empty when it does not exist (nor any of its versions). */
    Optional<io.s3conn.source.walk.KeyHistory> find(String key);

    /** Whether the bucket keeps versions, so that removing one (or a delete marker) may uncover an older one. */
    boolean keepsVersions();
}
