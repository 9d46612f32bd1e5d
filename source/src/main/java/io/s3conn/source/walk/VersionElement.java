package io.s3conn.source.walk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.core.time.UtcInstants;
import io.s3conn.glacier.ListedRestore;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.protocols.core.StringToInstant;
import software.amazon.awssdk.protocols.core.StringToValueConverter;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.RestoreStatus;

/**
 * One {@code Version} or {@code DeleteMarker} element of a ListObjectVersions document, read from its bytes into
 * what {@link VersionsWalk} takes from the SDK's model of it, with the SDK's own conversions of its values.
 *
 * <p>Why: the SDK parses a page into a tree of elements before it unmarshals it, and for a page of versions that
 * is most of a version sync's CPU. Entries are plain enough to be read in one pass over their bytes: leaf elements
 * holding text, and {@code Owner} and {@code RestoreStatus} holding leaves. Anything else (an attribute, a namespace
 * prefix, a comment or CDATA, an empty or unreadable value, a missing key or time) leaves the element to the SDK,
 * which reads or rejects it as it always did.
 *
 * @param version the entry; its key is XML-unescaped but still URL-encoded if the document says so
 * @param latest  whether the document marks it {@code IsLatest}
 */
record VersionElement(ObjectVersion version, boolean latest) {

    /** The values read, as {@link #fields} names them. */
    private static final Set<String> USED = Set.of("Key", "VersionId", "IsLatest", "LastModified", "ETag", "Size",
            "StorageClass", "RestoreStatus/IsRestoreInProgress", "RestoreStatus/RestoreExpiryDate");
    private static final StringToInstant INSTANTS = StringToInstant.create(Map.of(
            MarshallLocation.HEADER, TimestampFormatTrait.Format.RFC_822,
            MarshallLocation.PAYLOAD, TimestampFormatTrait.Format.ISO_8601));
    private static final SdkField<Instant> VERSION_LAST_MODIFIED =
            field(software.amazon.awssdk.services.s3.model.ObjectVersion.builder().build().sdkFields(), "LastModified");
    private static final SdkField<Instant> MARKER_LAST_MODIFIED =
            field(DeleteMarkerEntry.builder().build().sdkFields(), "LastModified");
    private static final SdkField<Instant> RESTORE_EXPIRY =
            field(RestoreStatus.builder().build().sdkFields(), "RestoreExpiryDate");

    /**
     * Reads the element {@code document[from, to)}.
     *
     * @param deleteMarker whether it is a {@code DeleteMarker} (else a {@code Version})
     * @return empty when the element is not plain enough to be read here
     */
    static Optional<VersionElement> read(boolean deleteMarker, byte[] document, int from, int to) {
        Map<String, String> fields = fields(document, from, to);
        if (fields == null) {
            return Optional.empty();
        }
        try {
            String key = fields.get("Key");
            Instant lastModified = instant(fields.get("LastModified"),
                    deleteMarker ? MARKER_LAST_MODIFIED : VERSION_LAST_MODIFIED);
            if (key == null || lastModified == null) {
                return Optional.empty();
            }
            Optional<String> versionId = Optional.ofNullable(fields.get("VersionId"));
            boolean latest = bool(fields.get("IsLatest"));
            if (deleteMarker) {
                return Optional.of(new VersionElement(
                        new ObjectVersion(key, versionId, "", 0, "STANDARD", lastModified, true), latest));
            }
            String size = fields.get("Size");
            Optional<ListedRestore> restore = fields.containsKey("RestoreStatus")
                    ? Optional.of(new ListedRestore(bool(fields.get("RestoreStatus/IsRestoreInProgress")),
                            Optional.ofNullable(instant(fields.get("RestoreStatus/RestoreExpiryDate"), RESTORE_EXPIRY))))
                    : Optional.empty();
            return Optional.of(new VersionElement(new ObjectVersion(key, versionId,
                    ObjectSummary.unquoteETag(fields.get("ETag")),
                    size == null ? 0 : StringToValueConverter.TO_LONG.convert(size),
                    Listings.storageClass(fields.get("StorageClass")), lastModified, false, restore), latest));
        } catch (RuntimeException e) {
            return Optional.empty(); // a value the SDK would not convert either: its parse reports it
        }
    }

    /** The same entry with its key decoded from the document's URL encoding. */
    VersionElement withKey(String key) {
        ObjectVersion v = version;
        return new VersionElement(new ObjectVersion(key, v.versionId(), v.eTag(), v.size(), v.storageClass(),
                v.lastModified(), v.deleteMarker(), v.restoreStatus()), latest);
    }

    /** A time as the SDK converts it (null for none), the usual form read without the SDK's formatter. */
    private static Instant instant(String text, SdkField<Instant> field) {
        return text == null ? null : UtcInstants.parse(text).orElseGet(() -> INSTANTS.convert(text, field));
    }

    private static boolean bool(String text) {
        return text != null && StringToValueConverter.TO_BOOLEAN.convert(text);
    }

    /**
     * The leaves of the element by name (a leaf of a child element as {@code Child/Leaf}), the first of each name
     * as the SDK takes it; child elements map to {@code ""}. Null when the element is not plain enough.
     */
    private static Map<String, String> fields(byte[] document, int from, int to) {
        Map<String, String> fields = new HashMap<>();
        String parent = null;
        int depth = 0;
        int at = from;
        while (true) {
            int open = indexOf(document, '<', at, to);
            if (open < 0) {
                return depth == 0 ? fields : null;
            }
            int close = indexOf(document, '>', open, to);
            if (close < 0) {
                return null;
            }
            if (document[open + 1] == '/') {
                depth--;
                parent = null;
                at = close + 1;
                continue;
            }
            boolean empty = document[close - 1] == '/';
            int nameEnd = empty ? close - 1 : close;
            for (int i = open + 1; i < nameEnd; i++) {
                byte b = document[i];
                if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9')) {
                    return null; // an attribute, a prefix, a comment, CDATA: not ours to read
                }
            }
            if (nameEnd == open + 1) {
                return null;
            }
            String name = new String(document, open + 1, nameEnd - open - 1, StandardCharsets.US_ASCII);
            String path = depth == 1 ? name : parent + "/" + name;
            if (empty) {
                if (depth == 1 && name.equals("RestoreStatus")) {
                    fields.putIfAbsent(name, "");
                } else if (USED.contains(path)) {
                    return null; // an empty value of ours: the SDK's own reading of it stands
                }
                at = close + 1;
                continue;
            }
            int next = indexOf(document, '<', close + 1, to);
            if (next < 0) {
                return null;
            }
            if (document[next + 1] != '/') {
                // An element holding elements: the entry itself, Owner, RestoreStatus.
                if (depth > 1) {
                    return null;
                }
                if (depth == 1) {
                    fields.putIfAbsent(name, "");
                    parent = name;
                }
                depth++;
                at = close + 1;
                continue;
            }
            if (depth == 0 || !endTag(document, next, to, open + 1, nameEnd)) {
                return null;
            }
            if (next == close + 1) {
                if (USED.contains(path)) {
                    return null;
                }
            } else {
                Optional<String> text = XmlText.text(document, close + 1, next);
                if (text.isEmpty()) {
                    return null;
                }
                fields.putIfAbsent(path, text.get());
            }
            at = next + 3 + (nameEnd - open - 1);
        }
    }

    /** Whether {@code </name>} starts at {@code at}, the name being {@code document[nameFrom, nameTo)}. */
    private static boolean endTag(byte[] document, int at, int to, int nameFrom, int nameTo) {
        int length = nameTo - nameFrom;
        if (at + length + 3 > to || document[at + length + 2] != '>') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (document[at + 2 + i] != document[nameFrom + i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] document, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (document[i] == c) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static <T> SdkField<T> field(List<SdkField<?>> fields, String name) {
        return (SdkField<T>) fields.stream().filter(f -> f.memberName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the SDK's model has no field " + name));
    }
}
