package io.s3conn.glacier;

import java.util.Locale;

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

    /** The stored form: {@code proven}, {@code rejected}, {@code unknown}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a stored label; anything unknown (or absent, from older checkpoints) is {@link #UNKNOWN}. */
    public static ListingRestoreStatus fromLabel(String label) {
        for (ListingRestoreStatus value : values()) {
            if (value.label().equals(label)) {
                return value;
            }
        }
        return UNKNOWN;
    }
}
