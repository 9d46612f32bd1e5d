package io.s3conn.destination.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Record;

/**
 * Names a batch's object after its {@link BatchIdentity}, so that a batch written again after a crash
 * (same identity: the same first record, or the same resume point) replaces its earlier copy instead of
 * appearing twice: the idea behind the Kafka Connect S3 sink's exactly-once file names. Conduit names
 * files by wall-clock time and duplicates them.
 *
 * <p>Placeholders: {@code {yyyy}}, {@code {MM}}, {@code {dd}}, {@code {HH}} (UTC, the time the batch is
 * filed under: {@link BatchIdentity#filedAt(Record, Instant)}, by default the first record's {@link #recordTime(Record)}),
 * {@code {id}} (20 hex digits of the SHA-256 of the batch's identity) and {@code {ext}} (the format's extension).
 */
public final class ObjectNamer {

    /** Partitioned by UTC date: {@code 2026/11/23/<id>.jsonl}. */
    public static final String DEFAULT_TEMPLATE = "{yyyy}/{MM}/{dd}/{id}.{ext}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    /** {@code {id}} is this many bytes of the SHA-256, in lower-case hex: 20 digits. */
    private static final int ID_BYTES = 10;

    private ObjectNamer() {
    }

    /**
     * Checks a template: known placeholders only, and {@code {id}} present (without it names collide).
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void validate(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        boolean id = false;
        while (matcher.find()) {
            switch (matcher.group(1)) {
                case "yyyy", "MM", "dd", "HH", "ext" -> { }
                case "id" -> id = true;
                default -> throw new IllegalArgumentException("unknown placeholder {" + matcher.group(1)
                        + "} in key template (known: {yyyy} {MM} {dd} {HH} {id} {ext})");
            }
        }
        if (!id) {
            throw new IllegalArgumentException("the key template must contain {id}, or batches would overwrite each other");
        }
    }

    /**
     * The text every name made by {@code prefix} and {@code template} for a format of {@code extension} starts
     * with: the name up to its first placeholder that changes from batch to batch ({@code logs/} for
     * {@code logs/{id}.{ext}}, {@code jsonl/} for {@code {ext}/{id}}, the prefix alone for the default template).
     * Rendered by the same code as {@link #name}, so it cannot drift from the names written.
     */
    public static String keyStart(String prefix, String template, String extension) {
        return render(prefix, template, placeholder -> fixed(placeholder) ? Optional.of(extension) : Optional.empty());
    }

    /**
     * The characters a name made by {@code template} may hold right after its {@link #keyStart}: those the value of
     * its first placeholder that varies starts with (a time's digits, {@code {id}}'s lower-case hex digits). Empty
     * for a template without one, which {@link #validate} refuses.
     */
    public static String valueStarts(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!fixed(matcher.group(1))) {
                return matcher.group(1).equals("id") ? "0123456789abcdef" : "0123456789";
            }
        }
        return "";
    }

    /**
     * Exactly the names {@link #name} makes from {@code prefix}, {@code template} and {@code extension}: the fixed text
     * as it is, each placeholder as the digits it renders ({@code {yyyy}} four or more, as {@code %04d} writes years past 9999
     * and before year 0 too; {@code {MM}} {@code {dd}} {@code {HH}} two; {@code {id}} 20 lower-case hex). A key that matches has the
     * form of this destination's batch objects; one under the same prefix that does not was not written by it.
     */
    public static Pattern namePattern(String prefix, String template, String extension) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder pattern = new StringBuilder(Pattern.quote(prefix));
        int fixedFrom = 0;
        while (matcher.find()) {
            pattern.append(Pattern.quote(template.substring(fixedFrom, matcher.start())));
            pattern.append(switch (matcher.group(1)) {
                case "yyyy" -> "(?:[0-9]{4,}|-[0-9]{3,})"; // %04d: the sign counts in the width
                case "MM", "dd", "HH" -> "[0-9]{2}";
                case "id" -> "[0-9a-f]{" + 2 * ID_BYTES + "}";
                default -> Pattern.quote(extension);
            });
            fixedFrom = matcher.end();
        }
        pattern.append(Pattern.quote(template.substring(fixedFrom)));
        return Pattern.compile(pattern.toString());
    }

    /** {@code {ext}} is the same for every batch of a destination; the time and the id are not. */
    private static boolean fixed(String placeholder) {
        return placeholder.equals("ext");
    }

    /** The object key of a batch filed under {@code filedAt}, with {@code {id}} taken from {@code identity}. */
    public static String name(String prefix, String template, Instant filedAt, byte[] identity, String extension) {
        ZonedDateTime time = filedAt.atZone(ZoneOffset.UTC);
        // Locale.ROOT: a default locale's own digits (ar-EG) would give a batch written again on another worker another name.
        return render(prefix, template, placeholder -> Optional.of(switch (placeholder) {
            case "yyyy" -> String.format(Locale.ROOT, "%04d", time.getYear());
            case "MM" -> String.format(Locale.ROOT, "%02d", time.getMonthValue());
            case "dd" -> String.format(Locale.ROOT, "%02d", time.getDayOfMonth());
            case "HH" -> String.format(Locale.ROOT, "%02d", time.getHour());
            case "id" -> id(identity);
            default -> extension;
        }));
    }

    /**
     * {@code prefix} followed by {@code template} with each placeholder replaced by its value, up to the first
     * placeholder without one: both a batch's name and the start all names share come from here.
     */
    private static String render(String prefix, String template, Function<String, Optional<String>> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder name = new StringBuilder(prefix);
        while (matcher.find()) {
            Optional<String> value = values.apply(matcher.group(1));
            if (value.isEmpty()) {
                matcher.appendReplacement(name, "");
                return name.toString();
            }
            matcher.appendReplacement(name, Matcher.quoteReplacement(value.get()));
        }
        matcher.appendTail(name);
        return name.toString();
    }

    /**
     * The time a record carries: its {@code opencdc.createdAt}, else its {@code opencdc.readAt}; empty when it has
     * neither (or neither is a number).
     */
    public static Optional<Instant> recordTime(Record record) {
        return nanos(record, Metadata.OPENCDC_CREATED_AT)
                .or(() -> nanos(record, Metadata.OPENCDC_READ_AT));
    }

    private static Optional<Instant> nanos(Record record, String key) {
        try {
            return Optional.ofNullable(record.metadata().get(key)).map(Long::parseLong)
                    .map(n -> Instant.ofEpochSecond(0, n));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String id(byte[] identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity);
            return HexFormat.of().formatHex(digest, 0, ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
