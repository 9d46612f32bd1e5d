package io.s3conn.testbed;

/**
 * JSON string literals for the test bed's hand-written replies and requests (the emulator's control API,
 * the Connect REST client): the test bed's own classpath carries no JSON library, see
 * {@code kafka.Json}.
 */
public final class JsonText {

    private JsonText() {
    }

    /** {@code text} as a quoted JSON string. */
    public static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
