package io.s3conn.testbed.synthetic;

import java.util.Comparator;

/**
 * The order S3 lists keys in: by their UTF-8 bytes, which is the order of their code points (unlike
 * {@link String#compareTo}, which orders UTF-16 units and so puts U+FFFF after U+1F600).
 */
public final class SyntheticKeyOrder {

    /** Compares keys by UTF-8 bytes. */
    public static final Comparator<String> UTF8 = SyntheticKeyOrder::compare;

    private SyntheticKeyOrder() {
    }

    /** Negative, zero or positive as {@code a} sorts before, with or after {@code b} in UTF-8 byte order. */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
