package io.s3conn.core.record;

import java.util.Locale;

/** What a record says happened to its key, with OpenCDC's names. */
public enum Operation {
    /** The object existed when the snapshot read it. */
    SNAPSHOT,
    /** The object appeared. */
    CREATE,
    /** The object was overwritten. */
    UPDATE,
    /** The object was deleted. */
    DELETE;

    /** The OpenCDC name: {@code snapshot}, {@code create}, {@code update} or {@code delete}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The operation of an OpenCDC name.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Operation fromWireName(String name) {
        for (Operation operation : values()) {
            if (operation.wireName().equals(name)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("unknown operation \"" + name + "\" (expected snapshot, create, update or delete)");
    }
}
