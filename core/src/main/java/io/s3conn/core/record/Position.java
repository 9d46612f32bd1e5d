package io.s3conn.core.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a source was when it produced a record. Opaque to everyone but the source that made it;
 * its bytes are printable text, so a position can be shown, stored and passed back on a command line.
 *
 * @param bytes the position as the source wrote it
 */
public record Position(byte[] bytes) {

    /** Keeps a copy of {@code bytes}, so that the caller's array may change without changing the position. */
    public Position {
        Objects.requireNonNull(bytes, "bytes");
        bytes = bytes.clone();
    }

    /** A position from its printable form. */
    public static Position of(String printable) {
        return new Position(printable.getBytes(StandardCharsets.UTF_8));
    }

    /** The printable form. */
    public String printable() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The position's bytes: a copy, since a record's position must not change under its holder. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Position that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return printable();
    }
}
