package io.s3conn.app.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes such as {@code 1048576}, {@code 500MB}, {@code 10GiB} or {@code 1.5TB}. */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTP]?)(I?)B?", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {
    }

    /**
     * A size in bytes; {@code K/M/G/T/P} are powers of 1000, {@code Ki/Mi/Gi/Ti/Pi} powers of 1024.
     *
     * @throws IllegalArgumentException for anything else, and for sizes of 2^63 bytes or more
     */
    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            // Worded to follow the option's or setting's name, as their other value errors are ("... must be ..., was: X").
            throw new IllegalArgumentException("must be a size such as 1048576, 500MB or 10GiB, was: " + text);
        }
        // indexOf("") is 0, not -1: a plain number must not be read as kilobytes.
        String unit = matcher.group(2);
        int power = unit.isEmpty() ? 0 : "KMGTP".indexOf(unit.toUpperCase(Locale.ROOT)) + 1;
        BigDecimal base = BigDecimal.valueOf(matcher.group(3).isEmpty() ? 1000 : 1024);
        BigInteger bytes = new BigDecimal(matcher.group(1)).multiply(base.pow(power)).toBigInteger();
        // longValue() would keep the low 64 bits: 9999PB became a negative size, 2^64+1 a size of 1.
        if (bytes.bitLength() >= Long.SIZE) {
            throw new IllegalArgumentException("must be at most " + Long.MAX_VALUE + " bytes (8EiB), was: " + text);
        }
        return bytes.longValue();
    }
}
