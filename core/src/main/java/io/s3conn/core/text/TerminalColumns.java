package io.s3conn.core.text;

/**
 * How many terminal columns text takes, so that a table of keys lines up: {@code String.format("%-48s")} counts UTF-16
 * chars, which puts a column one place too far right after each character above U+FFFF (two chars, one column), each
 * combining mark (a char, no column of its own) and each East Asian wide character or emoji (one char, two columns).
 *
 * <p>The widths follow what terminals do (the rules of {@code wcwidth}): nonspacing and enclosing marks, format
 * characters (zero-width joiner, byte order mark) and Hangul medial vowels and final consonants take none; East Asian
 * wide and fullwidth characters and emoji take two; every other character one. Control characters are expected to be
 * escaped first ({@link TerminalText#escaped}).
 */
public final class TerminalColumns {

    private TerminalColumns() {
    }

    /** The columns {@code text} takes on a terminal. */
    public static int width(String text) {
        return text.codePoints().map(TerminalColumns::width).sum();
    }

    /**
     * {@code text} followed by spaces up to {@code columns} columns, or {@code text} itself when it is that wide or
     * wider (a column is never cut: a key is shown whole).
     */
    public static String padded(String text, int columns) {
        int missing = columns - width(text);
        return missing <= 0 ? text : text + " ".repeat(missing);
    }

    private static int width(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || (codePoint >= 0x1160 && codePoint <= 0x11FF)) {
            return 0;
        }
        return wide(codePoint) ? 2 : 1;
    }

    /** East Asian Wide and Fullwidth ranges and the emoji blocks, as terminals draw them. */
    private static boolean wide(int c) {
        return (c >= 0x1100 && c <= 0x115F)
                || (c >= 0x231A && c <= 0x231B)
                || (c >= 0x2329 && c <= 0x232A)
                || (c >= 0x23E9 && c <= 0x23EC)
                || (c >= 0x25FD && c <= 0x25FE)
                || (c >= 0x2614 && c <= 0x2615)
                || (c >= 0x2E80 && c <= 0x303E)
                || (c >= 0x3041 && c <= 0x33FF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0xA000 && c <= 0xA4CF)
                || (c >= 0xA960 && c <= 0xA97F)
                || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0xFE10 && c <= 0xFE19)
                || (c >= 0xFE30 && c <= 0xFE6F)
                || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6)
                || (c >= 0x16FE0 && c <= 0x18CFF)
                || (c >= 0x1B000 && c <= 0x1B2FF)
                || (c >= 0x1F004 && c <= 0x1F004)
                || (c >= 0x1F0CF && c <= 0x1F0CF)
                || (c >= 0x1F18E && c <= 0x1F18E)
                || (c >= 0x1F191 && c <= 0x1F19A)
                || (c >= 0x1F200 && c <= 0x1F251)
                || (c >= 0x1F300 && c <= 0x1F64F)
                || (c >= 0x1F680 && c <= 0x1F6FF)
                || (c >= 0x1F7E0 && c <= 0x1F7EB)
                || (c >= 0x1F90C && c <= 0x1F9FF)
                || (c >= 0x1FA70 && c <= 0x1FAFF)
                || (c >= 0x20000 && c <= 0x2FFFD)
                || (c >= 0x30000 && c <= 0x3FFFD);
    }
}
