package io.s3conn.core.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8 decoding, for bytes that must be UTF-8 (S3 keys, OpenCDC lines, a command line): read leniently,
 * bytes that are not would become U+FFFD, a text that is not the one written.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The text {@code bytes} encode, or empty when they are not UTF-8. */
    public static Optional<String> strict(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
