package io.s3conn.source.change.sqs;

import java.util.Comparator;
import java.util.Locale;

/**
 * The order of S3's {@code sequencer} values: of two events for the same key, the one with the greater
 * hexadecimal sequencer happened later. Sequencers can differ in length; as S3's user guide says, the
 * shorter one is right-padded with zeros before a lexicographical comparison. Meaningless across keys.
 */
public final class Sequencers {

    /** Compares two sequencers of one key. */
    public static final Comparator<String> ORDER = Sequencers::compare;

    private Sequencers() {
    }

    /** Negative when {@code a} happened before {@code b}, zero for the same event, positive after. */
    public static int compare(String a, String b) {
        int length = Math.max(a.length(), b.length());
        return padded(a, length).compareTo(padded(b, length));
    }

    private static String padded(String sequencer, int length) {
        return (sequencer + "0".repeat(length - sequencer.length())).toUpperCase(Locale.ROOT);
    }
}
