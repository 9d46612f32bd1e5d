package io.s3conn.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an object can be read now, and if not, where its restore stands.
 *
 * <p>The closed set of states an object of any storage class is in, as the inventory's
 * {@code restore_status} column shows them: {@link Readable} (empty label), {@link Archived},
 * {@link Restoring}, {@link Restored} and {@link Failed} ({@code error:<S3 error code>}).
 */
public sealed interface RestoreStatus {

    /**
     * The label stored in {@code restore_status}: {@code ""}, {@code archived}, {@code restoring}, {@code restored} or
     * {@code error:<code>}.
     */
    String label();

    /** When a restored copy expires, for {@link Restored} objects that carry an expiry. */
    default Optional<Instant> expiry() {
        return Optional.empty();
    }

    /** True when a GET would return the object's bytes now. */
    boolean readable();

    /** Readable without a restore: every non-archive class, GLACIER_IR included. */
    record Readable() implements RestoreStatus {
        @Override public String label() { return ""; }
        @Override public boolean readable() { return true; }
    }

    /** In an archive class or tier, not restored: a GET fails with InvalidObjectState. */
    record Archived() implements RestoreStatus {
        @Override public String label() { return "archived"; }
        @Override public boolean readable() { return false; }
    }

    /** A restore was requested and has not completed yet. */
    record Restoring() implements RestoreStatus {
        @Override public String label() { return "restoring"; }
        @Override public boolean readable() { return false; }
    }

    /**
     * A restored copy is readable; {@code until} is absent where S3 reports none
     * (Intelligent-Tiering objects move back to a frequent tier rather than expiring).
     */
    record Restored(Optional<Instant> until) implements RestoreStatus {
        /** Refuses a null value, by its name. */
        public Restored {
            Objects.requireNonNull(until, "until");
        }
        @Override public String label() { return "restored"; }
        @Override public Optional<Instant> expiry() { return until; }
        @Override public boolean readable() { return true; }
    }

    /** The status could not be determined; {@code code} is the S3 error code (e.g. {@code AccessDenied}). */
    record Failed(String code) implements RestoreStatus {
        /** Refuses a null value, by its name. */
        public Failed {
            Objects.requireNonNull(code, "code");
        }
        @Override public String label() { return "error:" + code; }
        @Override public boolean readable() { return false; }
    }

    /** The shared instance for readable objects. */
    RestoreStatus READABLE = new Readable();
    /** The shared instance for archived objects. */
    RestoreStatus ARCHIVED = new Archived();
    /** The shared instance for restores in progress. */
    RestoreStatus RESTORING = new Restoring();

    /**
     * Reads a stored label back; the inverse of {@link #label()} together with {@link #expiry()}.
     *
     * @throws IllegalArgumentException for a label this type never writes
     */
    static RestoreStatus fromLabel(String label, Optional<Instant> expiry) {
        if (label == null || label.isEmpty()) {
            return READABLE;
        }
        return switch (label) {
            case "archived" -> ARCHIVED;
            case "restoring" -> RESTORING;
            case "restored" -> new Restored(expiry);
            default -> {
                if (label.startsWith("error:") && label.length() > "error:".length()) {
                    yield new Failed(label.substring("error:".length()));
                }
                throw new IllegalArgumentException("unknown restore status: " + label);
            }
        };
    }
}
