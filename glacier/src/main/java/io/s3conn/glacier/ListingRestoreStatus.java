package io.s3conn.glacier;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What is known of a server's support for {@code OptionalObjectAttributes=RestoreStatus} in listings.
 * Stored in checkpoints by {@link #label()}.
 */
public enum ListingRestoreStatus {
    /** A listing of this server has shown a {@code RestoreStatus} element: it implements the attribute. */
    PROVEN,
    /** The server refused the attribute (400 or 501): listings go without it. */
    REJECTED,
    /** Nothing known yet. */
    UNKNOWN;

    /** The stored form (a checkpoint's JSON holds it): {@code proven}, {@code rejected}, {@code unknown}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a stored label (a checkpoint's JSON too); anything unknown (or absent, from older checkpoints) is {@link #UNKNOWN}. */
    @JsonCreator
    public static ListingRestoreStatus fromLabel(String label) {
        for (ListingRestoreStatus value : values()) {
            if (value.label().equals(label)) {
                return value;
            }
        }
        return UNKNOWN;
    }
}
