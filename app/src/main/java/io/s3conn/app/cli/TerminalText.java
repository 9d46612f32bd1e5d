package io.s3conn.app.cli;

/**
 * Text for a terminal line that may hold a key or prefix. Keys may hold newlines and other control characters; a line
 * of s3conn's own (a table row, a summary, an error) shows them escaped so that it stays one line and a key cannot
 * steer the terminal: C0, DEL and C1 (U+0085 is a line break to some terminals, U+009B starts an escape sequence to
 * others), and the Unicode line and paragraph separators. JSON output needs none of this: its encoder escapes them.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with each control character and line or paragraph separator written as an escape. */
    public static String escaped(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c);
            if (control || c == '\u2028' || c == '\u2029') {
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
}
