package io.s3conn.testbed.events;

import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code sequencer} values of object events: hexadecimal strings that grow with every event, so
 * they increase per key as Amazon S3's do. Like S3's, they are 18 digits with leading zeros.
 */
final class Sequencers {

    // Starts at the clock so that sequencers of a restarted emulator still increase on the same keys.
    private final AtomicLong last = new AtomicLong(System.currentTimeMillis() << 16);

    /** The next sequencer, greater than every one before. */
    String next() {
        return "00" + HexFormat.of().withUpperCase().toHexDigits(last.incrementAndGet());
    }
}
