package io.s3conn.core.text;

/**
 * Text for a terminal or log line that may hold a key, a prefix, a bucket, a queue URL or anything else a server or
 * an object's writer chose. Keys may hold newlines and other control characters; a line of s3conn's own (a table row,
 * a summary, an error, a log record) shows them escaped so that it stays one line, a key cannot forge a line of its
 * own in a log, and cannot steer the terminal: C0 (ESC starts an ANSI escape sequence), DEL and C1 (U+0085 is a line
 * break to some terminals, U+009B starts an escape sequence to others), the Unicode line and paragraph separators, and
 * the bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069): each holds until the end
 * of the line, so a key with U+202E showed the rest of its line (size, storage class, the next columns) reversed, and
 * a key could look like another one ("Trojan Source"). JSON output needs none of this: its encoder escapes the
 * control characters, and a program reads the rest as the characters they are.
 *
 * <p>Each of these characters is written as <code>&#92;xHH</code> (C0, DEL, C1) or <code>&#92;uHHHH</code> (the others); every
 * other character, any other non-ASCII one included, is left as it is. A backslash is left as it is too, so a key that
 * holds the text <code>&#92;x0a</code> reads the same as one holding a newline: the escape keeps lines whole, it is not meant
 * to be parsed back.
 *
 * <p>One implementation for every module: the CLI's lines and the libraries' log records escape alike.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * {@code text} with each control character and line or paragraph separator written as an escape.
     *
     * @param text any text; not null
     * @return {@code text} itself when it holds none of them, else a copy with each one escaped
     */
    public static String escaped(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c);
            if (control || c == '\u2028' || c == '\u2029' || bidirectionalControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(control ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * An embedding, override or isolate (or its end), whose direction holds until the end of the line: a region, key
     * or bucket holding U+202E made the rest of the line read backwards. Marks (U+200E, U+200F, U+061C) hold for no
     * more than the characters beside them, and right-to-left keys use them, so they are left as they are.
     */
    private static boolean bidirectionalControl(char c) {
        return c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
    }
}
