package io.s3conn.glacier;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code x-amz-restore} header of HeadObject and GetObject, parsed.
 *
 * <p>S3 sends {@code ongoing-request="true"} while a restore runs and
 * {@code ongoing-request="false", expiry-date="Fri, 21 Dec 2012 00:00:00 GMT"} once the copy is
 * readable (RFC 1123 date). No header means never restored, or the restored copy has expired.
 *
 * @param ongoing true while the restore is in progress
 * @param expiry  when the restored copy expires, once restored (absent for Intelligent-Tiering)
 */
record RestoreHeader(boolean ongoing, Optional<Instant> expiry) {

    private static final Pattern ONGOING = Pattern.compile("ongoing-request\\s*=\\s*\"(true|false)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPIRY = Pattern.compile("expiry-date\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    /**
     * Parses a header value.
     *
     * @throws MalformedRestoreHeaderException when {@code ongoing-request} is missing or the expiry is not an RFC 1123 date
     */
    public static RestoreHeader parse(String value) {
        if (value == null || value.isBlank()) {
            throw new MalformedRestoreHeaderException("empty x-amz-restore header");
        }
        Matcher ongoing = ONGOING.matcher(value);
        if (!ongoing.find()) {
            throw new MalformedRestoreHeaderException("x-amz-restore without ongoing-request: " + value);
        }
        Optional<Instant> expiry = Optional.empty();
        Matcher expiryMatcher = EXPIRY.matcher(value);
        if (expiryMatcher.find()) {
            try {
                expiry = Optional.of(ZonedDateTime.parse(expiryMatcher.group(1).strip(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                throw new MalformedRestoreHeaderException("x-amz-restore with a malformed expiry-date: " + value);
            }
        }
        return new RestoreHeader(Boolean.parseBoolean(ongoing.group(1)), expiry);
    }
}
