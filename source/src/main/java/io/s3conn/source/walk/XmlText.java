package io.s3conn.source.walk;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
        return unescape(text, false);
    }

    /**
     * The text {@code document[from, to)} holds as an XML parser reports it: decoded from UTF-8, line ends
     * normalized, entities and character references replaced. Empty when the bytes are not text an XML parser
     * reads without complaint (malformed UTF-8, a control character, an unknown entity): the caller leaves such a
     * text to a real parser, which reports it.
     */
    static Optional<String> text(byte[] document, int from, int to) {
        boolean ascii = true;
        boolean escaped = false;
        boolean carriageReturn = false;
        for (int i = from; i < to; i++) {
            byte b = document[i];
            if (b < 0) {
                ascii = false;
            } else if (b < 0x20) {
                if (b == '\r') {
                    carriageReturn = true;
                } else if (b != '\n' && b != '\t') {
                    return Optional.empty();
                }
            } else if (b == '&') {
                escaped = true;
            }
        }
        String raw;
        if (ascii) {
            raw = new String(document, from, to - from, StandardCharsets.US_ASCII);
        } else {
            try {
                raw = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(document, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                return Optional.empty();
            }
            if (!raw.codePoints().allMatch(XmlText::isXmlCharacter)) {
                return Optional.empty();
            }
        }
        if (carriageReturn) {
            raw = raw.replace("\r\n", "\n").replace('\r', '\n');
        }
        return escaped ? Optional.ofNullable(unescape(raw, true)) : Optional.of(raw);
    }

    /** With {@code strict}, null where an entity or reference is not XML's (else it is left as it was). */
    private static String unescape(String text, boolean strict) {
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        StringBuilder plain = new StringBuilder(text.length());
        int at = 0;
        while (amp >= 0) {
            int semicolon = text.indexOf(';', amp);
            if (semicolon < 0) {
                if (strict) {
                    return null;
                }
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
                    if (codePoint >= 0 && (!strict || isXmlCharacter(codePoint))) {
                        plain.appendCodePoint(codePoint);
                    } else if (strict) {
                        return null;
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

    /** XML 1.0's {@code Char}: what a document may hold, as text or as a character reference. */
    private static boolean isXmlCharacter(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                || codePoint >= 0x20 && codePoint <= 0xD7FF || codePoint >= 0xE000 && codePoint <= 0xFFFD
                || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
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
