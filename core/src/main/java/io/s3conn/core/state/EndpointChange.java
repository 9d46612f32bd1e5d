package io.s3conn.core.state;

import java.util.Objects;

import io.s3conn.core.s3.S3Endpoint;
import io.s3conn.core.text.TerminalText;

/**
 * A state recorded against one S3 endpoint met a run against another. Checkpoints and rows are kept by bucket and
 * prefix, so the run goes on (the same server under a second address, a proxy in front of it, a migrated bucket are
 * all legitimate), but says so in one warning line: a bucket of the same name on another server is another bucket,
 * and what differs between the two is taken for changes.
 *
 * @param subject  what was recorded, as the warning names it ({@code the inventory of s3://b/p})
 * @param recorded the endpoint it was recorded against
 * @param now      the endpoint of this run
 */
public record EndpointChange(String subject, S3Endpoint recorded, S3Endpoint now) {

    /** Refuses a null value, by its name. */
    public EndpointChange {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(now, "now");
    }

    /**
     * The warning line, control characters escaped.
     *
     * @param consequence what this run does about it, e.g. "the table is brought to what it holds there"
     */
    public String warning(String consequence) {
        return TerminalText.escaped(subject + " was recorded from endpoint " + recorded + " and is now read from " + now
                + ": " + consequence + " (a bucket of the same name on another server is another bucket: give each"
                + " server a database of its own)");
    }
}
