package io.s3conn.core.record;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A record's data before and after the change, as raw bytes. Either side may be absent: a create has
 * no {@code before}, a delete no {@code after}, and a record emitted without content has neither. The arrays are not
 * copied (a payload may be megabytes): whoever makes or holds a payload does not change them.
 *
 * @param before the data before the change
 * @param after  the data after the change
 */
public record Payload(Optional<byte[]> before, Optional<byte[]> after) {

    /** No data on either side. */
    public static final Payload EMPTY = new Payload(Optional.empty(), Optional.empty());

    /** Refuses a null value, by its name. */
    public Payload {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** Only an {@code after} side. */
    public static Payload after(byte[] after) {
        return new Payload(Optional.empty(), Optional.of(after));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payload that && same(before, that.before) && same(after, that.after);
    }

    @Override
    public int hashCode() {
        return 31 * before.map(Arrays::hashCode).orElse(0) + after.map(Arrays::hashCode).orElse(0);
    }

    @Override
    public String toString() {
        return "Payload[before=" + before.map(b -> b.length + " bytes").orElse("none")
                + ", after=" + after.map(b -> b.length + " bytes").orElse("none") + "]";
    }

    private static boolean same(Optional<byte[]> a, Optional<byte[]> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
    }
}
