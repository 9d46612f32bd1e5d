package io.s3conn.testbed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What S3Proxy cannot store for us, per (bucket, key): the storage class as the client sent it, the
 * Intelligent-Tiering archive status and the restore state; plus the log of restore requests.
 *
 * <p>Restores complete lazily: an entry is brought up to date whenever it is read, so a restore with
 * the default delay of zero is complete at the very next request. A restore with a delay also completes
 * when the delay is over, read or not, as on Amazon S3: its {@code ObjectRestore:Completed} event is what
 * a reader waiting on it acts on, and sent only when someone read the object it came too late for that.
 * All methods are synchronized; contention is irrelevant at test-server request rates.
 */
final class ArchiveRegistry {

    static final String STANDARD = "STANDARD";
    static final String INTELLIGENT_TIERING = "INTELLIGENT_TIERING";

    /** Read-only view of one object's emulated state. */
    record ObjectView(String storageClass, String archiveStatus, boolean restoreOngoing, boolean restored,
                      Instant restoreExpiry) {

        boolean intelligentTiering() {
            return INTELLIGENT_TIERING.equals(storageClass);
        }

        /** Whether the object sits in an archive (class or IT tier), not counting a restored copy. */
        boolean archived() {
            return "GLACIER".equals(storageClass) || "DEEP_ARCHIVE".equals(storageClass)
                    || (intelligentTiering() && archiveStatus != null);
        }

        /** Whether a GET must fail with InvalidObjectState. */
        boolean readBlocked() {
            return archived() && !restored;
        }

        /** Whether the object ever had a restore requested that is still visible. */
        boolean hasRestoreHistory() {
            return restoreOngoing || restored;
        }
    }

    private record ObjectId(String bucket, String key) {
    }

    private static final class Entry {
        String storageClass;
        String archiveStatus;
        boolean restoreOngoing;
        /** When an ongoing restore completes by itself; null = only on an explicit completion. */
        Instant completesAt;
        Integer days;
        boolean restored;
        Instant expiry;

        Entry(String storageClass) {
            this.storageClass = storageClass;
        }
    }

    private final Clock clock;
    private final Map<ObjectId, Entry> objects = new HashMap<>();
    private final Set<ObjectId> restoresInFlight = new HashSet<>();
    private final Map<String, String> pendingUploads = new HashMap<>();
    private final List<RestoreRequestRecord> restoreRequests = new ArrayList<>();
    private Duration restoreDelay = Duration.ZERO;
    private RestoreListener restoreListener = (bucket, key, storageClass, expiry) -> { };
    /** Completes restores whose delay is over; a daemon thread, started with the first such restore. */
    private ScheduledExecutorService timer;

    /** Told of every restore that completes, under the registry's lock. */
    interface RestoreListener {
        void completed(String bucket, String key, String storageClass, Instant expiry);
    }

    ArchiveRegistry(Clock clock) {
        this.clock = clock;
    }

    synchronized void onRestoreCompleted(RestoreListener listener) {
        this.restoreListener = listener;
    }

    Instant now() {
        return clock.instant();
    }

    /** A successful PutObject, CopyObject or CompleteMultipartUpload: resets everything for the key. */
    synchronized void stored(String bucket, String key, String storageClass) {
        ObjectId id = new ObjectId(bucket, key);
        objects.put(id, new Entry(storageClass == null || storageClass.isBlank() ? STANDARD : storageClass));
        restoresInFlight.remove(id);
    }

    synchronized void deleted(String bucket, String key) {
        ObjectId id = new ObjectId(bucket, key);
        objects.remove(id);
        restoresInFlight.remove(id);
    }

    /** CreateMultipartUpload carries the storage class; CompleteMultipartUpload does not. */
    synchronized void uploadStarted(String uploadId, String storageClass) {
        pendingUploads.put(uploadId, storageClass == null ? STANDARD : storageClass);
    }

    /** The storage class of a finished or aborted multipart upload, forgetting the upload. */
    synchronized String uploadEnded(String uploadId) {
        return pendingUploads.remove(uploadId);
    }

    synchronized Optional<ObjectView> find(String bucket, String key) {
        Entry entry = objects.get(new ObjectId(bucket, key));
        if (entry == null) {
            return Optional.empty();
        }
        settle(new ObjectId(bucket, key), entry);
        return Optional.of(view(entry));
    }

    /** Applies time: completes due restores and drops expired restored copies. */
    private void settle(ObjectId id, Entry e) {
        Instant now = clock.instant();
        if (e.restoreOngoing && e.completesAt != null && !now.isBefore(e.completesAt)) {
            complete(id, e, e.completesAt);
        }
        if (e.restored && e.expiry != null && now.isAfter(e.expiry)) {
            e.restored = false;
            e.expiry = null;
        }
    }

    private void complete(ObjectId id, Entry e, Instant at) {
        e.restoreOngoing = false;
        e.completesAt = null;
        e.restored = true;
        restoresInFlight.remove(id);
        if (INTELLIGENT_TIERING.equals(e.storageClass)) {
            // IT restores move the object back to the Frequent Access tier for good: no expiry.
            e.archiveStatus = null;
            e.expiry = null;
        } else {
            e.expiry = at.plus(Duration.ofDays(e.days == null ? 1 : e.days)).truncatedTo(ChronoUnit.SECONDS);
        }
        restoreListener.completed(id.bucket(), id.key(), e.storageClass, e.expiry);
    }

    private static ObjectView view(Entry e) {
        return new ObjectView(e.storageClass, e.archiveStatus, e.restoreOngoing, e.restored, e.expiry);
    }

    /** Outcome of {@link #requestRestore}. */
    enum RestoreOutcome { STARTED, ALREADY_IN_PROGRESS, EXTENDED }

    /** Starts (202), refuses (409) or extends (200) a restore of a validated archived object. */
    synchronized RestoreOutcome requestRestore(String bucket, String key, Integer days) {
        ObjectId id = new ObjectId(bucket, key);
        Entry e = objects.get(id);
        settle(id, e);
        if (e.restoreOngoing) {
            return RestoreOutcome.ALREADY_IN_PROGRESS;
        }
        if (e.restored && e.expiry != null) {
            // As S3 does: a repeated restore of a restored copy resets its lifetime relative to now.
            e.expiry = clock.instant().plus(Duration.ofDays(days == null ? 1 : days)).truncatedTo(ChronoUnit.SECONDS);
            return RestoreOutcome.EXTENDED;
        }
        e.restoreOngoing = true;
        e.restored = false;
        e.expiry = null;
        e.days = days;
        e.completesAt = clock.instant().plus(restoreDelay);
        restoresInFlight.add(id);
        if (restoreDelay.isPositive()) {
            completeWhenDue(id, restoreDelay);
        }
        return RestoreOutcome.STARTED;
    }

    private void completeWhenDue(ObjectId id, Duration delay) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("restore-completion").factory());
        }
        // settle() checks the entry's own due time: a restore started again since, or an object overwritten, is left alone.
        timer.schedule(() -> {
            synchronized (this) {
                Entry e = objects.get(id);
                if (e != null) {
                    settle(id, e);
                }
            }
        }, delay.toNanos() + 1_000_000, TimeUnit.NANOSECONDS); // a millisecond late: the clock's due time has passed for sure
    }

    /** Stops completing restores in the background. */
    synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    synchronized void recordRestoreRequest(RestoreRequestRecord record) {
        restoreRequests.add(record);
    }

    synchronized List<RestoreRequestRecord> restoreRequests() {
        return List.copyOf(restoreRequests);
    }

    synchronized void clearRestoreRequests() {
        restoreRequests.clear();
    }

    synchronized void restoreDelay(Duration delay) {
        this.restoreDelay = delay;
    }

    synchronized Duration restoreDelay() {
        return restoreDelay;
    }

    /** Completes every in-flight restore now; returns how many. */
    synchronized int completeRestores() {
        List<ObjectId> ids = new ArrayList<>(restoresInFlight);
        Instant now = clock.instant();
        for (ObjectId id : ids) {
            Entry e = objects.get(id);
            if (e != null && e.restoreOngoing) {
                complete(id, e, now);
            }
        }
        restoresInFlight.clear();
        return ids.size();
    }

    /** Seeding: an archived object with a restore running until {@link #completeRestores()}. */
    synchronized void markRestoring(String bucket, String key, Integer days) {
        ObjectId id = new ObjectId(bucket, key);
        Entry e = existing(id);
        e.restoreOngoing = true;
        e.completesAt = null;
        e.days = e.storageClass.equals(INTELLIGENT_TIERING) ? null : days;
        e.restored = false;
        e.expiry = null;
        restoresInFlight.add(id);
    }

    /** Seeding: a finished restore; {@code expiry} is ignored for Intelligent-Tiering. */
    synchronized void markRestored(String bucket, String key, Instant expiry) {
        ObjectId id = new ObjectId(bucket, key);
        Entry e = existing(id);
        e.restoreOngoing = false;
        e.completesAt = null;
        e.restored = true;
        restoresInFlight.remove(id);
        if (e.storageClass.equals(INTELLIGENT_TIERING)) {
            e.archiveStatus = null;
            e.expiry = null;
        } else {
            e.expiry = expiry == null ? null : expiry.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /** Moves an Intelligent-Tiering object to an archive tier (or back with null), forgetting restores. */
    synchronized void archiveStatus(String bucket, String key, String status) {
        ObjectId id = new ObjectId(bucket, key);
        Entry e = existing(id);
        if (!e.storageClass.equals(INTELLIGENT_TIERING)) {
            throw new IllegalArgumentException("archive status applies to INTELLIGENT_TIERING objects only, "
                    + bucket + "/" + key + " is " + e.storageClass);
        }
        if (status != null && !status.equals("ARCHIVE_ACCESS") && !status.equals("DEEP_ARCHIVE_ACCESS")) {
            throw new IllegalArgumentException("archive status must be ARCHIVE_ACCESS, DEEP_ARCHIVE_ACCESS or NONE: "
                    + status);
        }
        e.archiveStatus = status;
        e.restoreOngoing = false;
        e.completesAt = null;
        e.restored = false;
        e.expiry = null;
        restoresInFlight.remove(id);
    }

    private Entry existing(ObjectId id) {
        Entry e = objects.get(id);
        if (e == null) {
            throw new IllegalArgumentException("unknown object " + id.bucket() + "/" + id.key()
                    + " (store it through the emulator first)");
        }
        return e;
    }
}
