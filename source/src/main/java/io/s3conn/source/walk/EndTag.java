package io.s3conn.source.walk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An element's end tag ({@code </name>}) and a search for it that skips ahead (Horspool's): most bytes of a
 * listing entry do not occur in the tag, so the search looks at a fraction of the bytes. Finding the end of each
 * top-level element was the filter's main cost ({@link TopLevelElementFilter}), a byte at a time.
 */
final class EndTag {

    private final byte[] tag;
    /** How far the search may move on when the byte under the tag's last position is this one. */
    private final int[] shift = new int[256];

    /** @param name the element's name, ASCII */
    EndTag(String name) {
        tag = ("</" + name + ">").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(shift, tag.length);
        for (int i = 0; i < tag.length - 1; i++) {
            shift[tag[i] & 0xff] = tag.length - 1 - i;
        }
    }

    /** The tag's length in bytes. */
    int length() {
        return tag.length;
    }

    /** Where the tag first occurs in {@code document[from, to)}, or -1. */
    int in(byte[] document, int from, int to) {
        int last = tag.length - 1;
        for (int at = from; at + last < to; at += shift[document[at + last] & 0xff]) {
            int i = last;
            while (i >= 0 && document[at + i] == tag[i]) {
                i--;
            }
            if (i < 0) {
                return at;
            }
        }
        return -1;
    }
}
