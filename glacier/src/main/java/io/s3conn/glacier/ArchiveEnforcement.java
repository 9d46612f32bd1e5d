package io.s3conn.glacier;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a server enforces archive storage classes. Amazon S3 does: a GLACIER object cannot be read
 * before a restore. Some S3-compatible servers (Ceph RGW) treat storage classes as placement labels:
 * a GLACIER object is served at once, HEAD carries no {@code x-amz-restore} and RestoreObject answers
 * {@code 501 NotImplemented}. Stored in checkpoints by {@link #label()}.
 */
public enum ArchiveEnforcement {
    /** Archived objects cannot be read (a GET answers {@code 403 InvalidObjectState}). */
    ENFORCED,
    /** Archived objects are served like any other: their class is only a label. */
    NOT_ENFORCED,
    /** Nothing known yet. */
    UNKNOWN;

    /** The stored form (a checkpoint's JSON holds it): {@code enforced}, {@code not-enforced}, {@code unknown}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads a stored label (a checkpoint's JSON too); anything unknown (or absent, from older checkpoints) is {@link #UNKNOWN}. */
    @JsonCreator
    public static ArchiveEnforcement fromLabel(String label) {
        for (ArchiveEnforcement value : values()) {
            if (value.label().equals(label)) {
                return value;
            }
        }
        return UNKNOWN;
    }
}
