package io.s3conn.glacier;

import java.util.Locale;

/** Retrieval tiers of RestoreObject, fastest (and dearest) first. */
public enum RestoreTier {
    /** 1-5 minutes; objects under 250 MB; not for DEEP_ARCHIVE. */
    EXPEDITED("Expedited"),
    /** 3-5 hours for GLACIER, about 12 for DEEP_ARCHIVE. */
    STANDARD("Standard"),
    /** The cheapest and slowest. */
    BULK("Bulk");

    private final String apiName;

    RestoreTier(String apiName) {
        this.apiName = apiName;
    }

    /** The name the API uses: {@code Expedited}, {@code Standard}, {@code Bulk}. */
    public String apiName() {
        return apiName;
    }

    /**
     * A tier by name, any case.
     *
     * @throws IllegalArgumentException for other names
     */
    public static RestoreTier parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown restore tier \"" + name + "\": use Standard, Bulk or Expedited");
        }
    }
}
