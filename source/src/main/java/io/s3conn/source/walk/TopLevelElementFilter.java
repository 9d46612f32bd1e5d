package io.s3conn.source.walk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An XML document as it arrives, without the elements of some names that sit directly under its root
 * element; every other byte is handed on unchanged, each top-level element as soon as it is complete.
 *
 * <p>Why a stream rather than the whole document: a listing page is some 300 KB, and a reader of the
 * whole page first makes the client wait for the server's last byte before it parses the first. Against
 * Ceph RGW on loopback that alone made a sequential listing take twice as long as the SDK's own loop,
 * for the same CPU; handed on element by element, the SDK parses while the server is still sending.
 *
 * <p>Listing documents are simple enough to be read at the byte level: the root's children never contain
 * an element of their own name, {@code <} only starts markup (text escapes it, and {@code <} is never part
 * of a multi-byte UTF-8 character), and element names are ASCII. Anything that does not fit (a document
 * cut short) is handed on as it came.
 */
final class TopLevelElementFilter extends InputStream {

    private static final int CHUNK = 16 * 1024;

    private final InputStream in;
    private final Set<String> removed;
    private final ElementListener listener;
    /** The end tags searched for, by element name: a document has few names and many elements of each. */
    private final Map<String, EndTag> endTags = new HashMap<>();
    private byte[] buffer = new byte[CHUNK];
    /** Bytes {@code [start, end)} were read and not yet handed on or dropped. */
    private int start;
    private int end;
    /** Bytes {@code [start, ready)} may be handed on. */
    private int ready;
    private boolean eof;
    private Level level = Level.PROLOG;

    /** Where in the document the next byte lies. */
    private enum Level {
        /** Before the root element's start tag. */
        PROLOG,
        /** Inside the root element: its children are filtered. */
        ROOT,
        /** After the root element's end: handed on as it comes. */
        TRAILER
    }

    /**
     * Told of each top-level element that is not removed, as it is: for readers that need no second parse. A reader
     * may take the element, which then is dropped like a removed one: what it read, the SDK need not parse again.
     */
    @FunctionalInterface
    interface ElementListener {
        /**
         * @param name     the element's name
         * @param document bytes holding the element, valid only during the call
         * @param from     where the element's start tag begins
         * @param to       just after its end tag
         * @return true to drop the element (the listener took it), false to hand it on
         */
        boolean element(String name, byte[] document, int from, int to);
    }

    /**
     * @param in      the document
     * @param removed names of the root's child elements to drop
     */
    TopLevelElementFilter(InputStream in, Set<String> removed) {
        this(in, removed, (name, document, from, to) -> false);
    }

    /**
     * @param in       the document
     * @param removed  names of the root's child elements to drop
     * @param listener told of each of the root's child elements that is not removed; may take it
     */
    TopLevelElementFilter(InputStream in, Set<String> removed, ElementListener listener) {
        this.in = Objects.requireNonNull(in, "in");
        this.removed = Set.copyOf(removed);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public int read() throws IOException {
        while (ready == start) {
            if (!advance()) {
                return -1;
            }
        }
        return buffer[start++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        while (ready == start) {
            if (!advance()) {
                return -1;
            }
        }
        int n = Math.min(length, ready - start);
        System.arraycopy(buffer, start, target, offset, n);
        start += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Makes more bytes ready (or drops an element); false at the end of the document. Called with nothing
     * ready, so what is held may move to the buffer's start first (once half the buffer was handed on, so
     * each byte moves about once); positions found meanwhile stay valid while {@link #fill} appends.
     */
    private boolean advance() throws IOException {
        if (start > buffer.length / 2) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            ready = 0;
        }
        if (start == end && !fill()) {
            return false;
        }
        if (level == Level.TRAILER) {
            ready = end;
            return true;
        }
        int open = indexOf((byte) '<', start);
        if (open != start) {
            // Text (whitespace between elements) is handed on up to the next markup.
            ready = open < 0 ? end : open;
            return true;
        }
        int nameEnd = nameEnd(start + 1);
        if (nameEnd < 0) {
            return handOnTheRest();
        }
        byte first = buffer[start + 1];
        if (first == '?' || first == '!') {
            return handOnThrough(indexOf((byte) '>', start));
        }
        if (first == '/') {
            level = Level.TRAILER; // the root's end tag: nothing after it is filtered
            ready = end;
            return true;
        }
        int tagEnd = indexOf((byte) '>', nameEnd);
        while (tagEnd < 0 && fill()) {
            tagEnd = indexOf((byte) '>', nameEnd);
        }
        if (tagEnd < 0) {
            return handOnTheRest();
        }
        boolean empty = buffer[tagEnd - 1] == '/';
        if (level == Level.PROLOG) {
            level = empty ? Level.TRAILER : Level.ROOT;
            return handOnThrough(tagEnd);
        }
        String name = new String(buffer, start + 1, nameEnd - start - 1, StandardCharsets.US_ASCII);
        int elementEnd = empty ? tagEnd + 1 : closeEnd(name, tagEnd + 1);
        if (elementEnd < 0) {
            return handOnTheRest();
        }
        if (removed.contains(name) || listener.element(name, buffer, start, elementEnd)) {
            start = elementEnd;
            ready = start;
        } else {
            ready = elementEnd;
        }
        return true;
    }

    /** Where the name of the tag starting before {@code from} ends, reading on as needed; -1 if the document ends first. */
    private int nameEnd(int from) throws IOException {
        int at = from;
        while (true) {
            for (; at < end; at++) {
                byte b = buffer[at];
                if (b == '>' || b == '/' && at > from || b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                    return at;
                }
            }
            if (!fill()) {
                return -1;
            }
        }
    }

    /** The end of {@code </name>} after {@code from}, reading on as needed; -1 if the document ends first. */
    private int closeEnd(String name, int from) throws IOException {
        EndTag close = endTags.computeIfAbsent(name, EndTag::new);
        int at = from;
        while (true) {
            int found = close.in(buffer, at, end);
            if (found >= 0) {
                return found + close.length();
            }
            at = Math.max(from, end - close.length() + 1);
            if (!fill()) {
                return -1;
            }
        }
    }

    private boolean handOnThrough(int last) throws IOException {
        while (last < 0 && fill()) {
            last = indexOf((byte) '>', start);
        }
        ready = last < 0 ? end : last + 1;
        return true;
    }

    /** A document that does not read as expected goes on as it came. */
    private boolean handOnTheRest() {
        level = Level.TRAILER;
        ready = end;
        return ready > start;
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < end; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Reads more of the document after what is held; false at its end. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }
}
