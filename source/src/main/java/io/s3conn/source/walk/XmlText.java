package io.s3conn.source.walk;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The text of a child element in a listing entry's bytes, for readers of a field or two that need no XML
 * parser: listing entries hold no comments, CDATA or nested elements of the names asked for.
 */
final class XmlText {

    private XmlText() {
    }

    /**
     * The escaped text of the first {@code <name>} element in {@code document[from, to)}: empty for
     * {@code <name/>}; no value when there is none.
     */
    static Optional<String> child(byte[] document, int from, int to, String name) {
        byte[] open = ("<" + name + ">").getBytes(StandardCharsets.US_ASCII);
        int start = indexOf(document, from, to, open);
        if (start < 0) {
            return indexOf(document, from, to, ("<" + name + "/>").getBytes(StandardCharsets.US_ASCII)) < 0
                    ? Optional.empty() : Optional.of("");
        }
        start += open.length;
        int end = indexOf(document, start, to, ("</" + name + ">").getBytes(StandardCharsets.US_ASCII));
        return end < 0 ? Optional.empty() : Optional.of(new String(document, start, end - start, StandardCharsets.UTF_8));
    }

    /** {@code text} with XML's five entities and character references replaced by what they stand for. */
    static String unescape(String text) {
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        StringBuilder plain = new StringBuilder(text.length());
        int at = 0;
        while (amp >= 0) {
            int semicolon = text.indexOf(';', amp);
            if (semicolon < 0) {
                break;
            }
            plain.append(text, at, amp);
            String entity = text.substring(amp + 1, semicolon);
            switch (entity) {
                case "lt" -> plain.append('<');
                case "gt" -> plain.append('>');
                case "amp" -> plain.append('&');
                case "quot" -> plain.append('"');
                case "apos" -> plain.append('\'');
                default -> {
                    int codePoint = codePoint(entity);
                    if (codePoint >= 0) {
                        plain.appendCodePoint(codePoint);
                    } else {
                        plain.append('&').append(entity).append(';'); // not XML's: left as it was
                    }
                }
            }
            at = semicolon + 1;
            amp = text.indexOf('&', at);
        }
        return plain.append(text, at, text.length()).toString();
    }

    /** The character a reference ({@code #65}, {@code #x41}) stands for, or -1. */
    private static int codePoint(String entity) {
        try {
            int codePoint = entity.startsWith("#x") || entity.startsWith("#X") ? Integer.parseInt(entity.substring(2), 16)
                    : entity.startsWith("#") ? Integer.parseInt(entity.substring(1)) : -1;
            return Character.isValidCodePoint(codePoint) ? codePoint : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Where {@code bytes} first occur in {@code document[from, to)}, or -1. */
    static int indexOf(byte[] document, int from, int to, byte[] bytes) {
        outer:
        for (int i = from; i <= to - bytes.length; i++) {
            for (int j = 0; j < bytes.length; j++) {
                if (document[i + j] != bytes[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
