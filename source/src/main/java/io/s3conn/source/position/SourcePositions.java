package io.s3conn.source.position;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.s3conn.core.text.Utf8;

/** Parses and formats source positions. */
public final class SourcePositions {

    private static final String PREFIX = "s3conn:v1:";

    private SourcePositions() {
    }

    /**
     * Reads a printable position: s3conn's own form, the same in base64 (as a record's {@code position}
     * reads in OpenCDC JSON, which carries positions as bytes), or Conduit's {@code <key>_s<unix seconds>}
     * (snapshot, resumed after the key) and {@code <key>_c<unix seconds>} (CDC from that second, the key dropped),
     * split at the last {@code _} because keys may contain {@code _}.
     *
     * @throws MalformedPositionException with what is wrong, for anything else
     */
    public static SourcePosition parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new MalformedPositionException("empty position");
        }
        if (text.startsWith(PREFIX)) {
            return parseOwn(text);
        }
        Optional<String> fromJson = fromBase64(text).filter(decoded -> decoded.startsWith(PREFIX));
        if (fromJson.isPresent()) {
            return parseOwn(fromJson.get());
        }
        return parseConduit(text);
    }

    /** {@code text} decoded from standard base64 when it is that, as UTF-8. */
    private static Optional<String> fromBase64(String text) {
        try {
            return Optional.of(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String format(String mode, Instant watermark, Optional<String> key) {
        return PREFIX + mode + ":" + watermark.toEpochMilli() + ":" + key.map(SourcePositions::encode).orElse("");
    }

    static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> decode(String part, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new MalformedPositionException("malformed s3conn position: the " + what + " is not base64url");
        }
        if (bytes.length == 0) {
            return Optional.empty();
        }
        // Strictly: S3 keys are UTF-8, so bytes that are not come from no position s3conn wrote, and read
        // leniently they would become U+FFFD and resume after a key that is not the one named.
        return Optional.of(Utf8.strict(bytes).orElseThrow(
                () -> new MalformedPositionException("malformed s3conn position: the " + what + " is not UTF-8")));
    }

    private static SourcePosition parseOwn(String text) {
        String[] parts = text.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3 && !((parts.length == 4 || parts.length == 5) && parts[0].equals("cdc"))) {
            throw new MalformedPositionException("malformed s3conn position: expected s3conn:v1:<snapshot|cdc>:<millis>:<key>"
                    + " (cdc: then :<version id> and :<sequence>, each optional)");
        }
        Instant watermark = Instant.ofEpochMilli(count(parts[1], Long.MAX_VALUE).orElseThrow(() -> new MalformedPositionException(
                "malformed s3conn position: the watermark is not a number of milliseconds since 1970")));
        Optional<String> key = decode(parts[2], "key");
        return switch (parts[0]) {
            case "snapshot" -> new SnapshotPosition(watermark, key);
            case "cdc" -> new CdcPosition(watermark, key, parts.length >= 4 ? decode(parts[3], "version id") : Optional.empty(),
                    parts.length == 5 ? sequence(parts[4]) : 0);
            default -> throw new MalformedPositionException("malformed s3conn position: unknown mode \"" + parts[0] + "\"");
        };
    }

    /**
     * The sequence of a CDC position: a count from 1, as {@link CdcPosition#printable()} writes it (a position without
     * one has no such field), so that every position reads back to the very text it was parsed from.
     */
    private static long sequence(String part) {
        long sequence = count(part, Long.MAX_VALUE).orElse(0);
        if (sequence == 0 || part.startsWith("0")) {
            throw new MalformedPositionException("malformed s3conn position: the sequence is not a number from 1 without leading zeros");
        }
        return sequence;
    }

    private static SourcePosition parseConduit(String text) {
        int split = text.lastIndexOf('_');
        if (split < 0 || split + 2 > text.length()) {
            throw new MalformedPositionException("malformed position: expected s3conn:v1:... or Conduit's <key>_s<seconds> / <key>_c<seconds>");
        }
        char mode = text.charAt(split + 1);
        String seconds = text.substring(split + 2);
        Instant watermark = unixSeconds(seconds).orElseThrow(() -> new MalformedPositionException(
                "malformed Conduit position: \"" + seconds + "\" after _" + mode + " is not Unix seconds"));
        Optional<String> key = split == 0 ? Optional.empty() : Optional.of(text.substring(0, split));
        return switch (mode) {
            case 's' -> new SnapshotPosition(watermark, key);
            // Without its key: Conduit's CDC does not emit in key order, so the key says nothing of how far a listing
            // went, and a CDC position's key is where a poll resumes (the keys up to it are left to the next poll).
            case 'c' -> new CdcPosition(watermark, Optional.empty());
            default -> throw new MalformedPositionException("malformed Conduit position: expected _s or _c before the seconds, found _" + mode);
        };
    }

    /**
     * {@code text} as a second since 1970; empty for anything else. Its milliseconds must fit a long, as the
     * watermark of the s3conn form this position is printed in.
     */
    private static Optional<Instant> unixSeconds(String text) {
        OptionalLong seconds = count(text, Long.MAX_VALUE / 1000);
        return seconds.isPresent() ? Optional.of(Instant.ofEpochSecond(seconds.getAsLong())) : Optional.empty();
    }

    /**
     * {@code text} as a count from 0 to {@code max}, written in digits alone; empty for anything else. A sign is
     * refused as well as a negative number: no position s3conn or Conduit writes has one, and no object was
     * written before 1970.
     */
    private static OptionalLong count(String text, long max) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(text);
            return value <= max ? OptionalLong.of(value) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // more digits than a long holds
        }
    }
}
