package io.s3conn.destination.s3;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.s3conn.core.s3.BucketNames;
import io.s3conn.destination.format.RecordFormat;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * Where and how batches of records are written.
 *
 * @param bucket         the bucket
 * @param prefix         the folder every object name starts with; a {@code /} is added when missing, so that
 *                       {@code archive} writes {@code archive/2026/...}, not {@code archive2026/...}
 * @param keyTemplate    the rest of the name, see {@link ObjectNamer}
 * @param format         JSON lines or Parquet
 * @param bufferSize     a batch is cut at this many records
 * @param maxBatchBytes  ... or at this many encoded bytes
 * @param flushInterval  ... or when its first record is this old
 * @param partSize       batches larger than this are uploaded in parts of this size (multipart upload)
 * @param storageClass   the storage class of written objects (the bucket's default when absent): one S3 names, in any
 *                       case, kept as S3 names it ({@link #storageClass(String)})
 * @param encryption     server-side encryption (the bucket's default when absent)
 * @param acl            a canned ACL such as {@code private} (none sent when absent)
 */
public record S3DestinationConfiguration(String bucket, String prefix, String keyTemplate, RecordFormat format,
                                         int bufferSize, long maxBatchBytes, Duration flushInterval, long partSize,
                                         Optional<String> storageClass, Optional<ServerSideEncryption> encryption,
                                         Optional<String> acl) {

    /** Parts of 16 MiB: S3's minimum is 5 MiB, and 10,000 parts then allow batches of 160 GiB. */
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

    /** Parts of 1 GiB at most: one part is held in memory, and 10,000 of them cover S3's largest object (5 TiB). */
    public static final long MAX_PART_SIZE = 1024L * 1024 * 1024;

    /**
     * What a storage class must be, in the words of a setting's value error ({@code must be ...}): the classes the AWS
     * SDK knows, as S3 names them, or a server's own class written as S3 writes class names.
     */
    public static final String STORAGE_CLASS_RULE = "must be a storage class: " + Arrays.stream(StorageClass.values())
            .filter(c -> c != StorageClass.UNKNOWN_TO_SDK_VERSION).map(StorageClass::toString)
            .collect(Collectors.joining(", ")) + " (any case), or a server's own class in upper case (A-Z, 0-9, _)";

    /** What a canned ACL must be, in the words of a setting's value error ({@code must be ...}). */
    public static final String ACL_RULE = "must be a canned ACL: " + ObjectCannedACL.knownValues().stream()
            .map(ObjectCannedACL::toString).collect(Collectors.joining(", ")) + " (any case)";

    /** How S3 writes a storage class's name; S3-compatible servers name their own classes alike (Ceph RGW's). */
    private static final Pattern SERVER_CLASS = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** The longest key Amazon S3 stores, in bytes of UTF-8; Ceph RGW refuses longer ones too. */
    private static final int MAX_KEY_BYTES = 1024;

    /**
     * Checks every value, so that a misconfiguration fails here rather than at the first upload: a bucket that is null
     * or blank is refused by name ({@link BucketNames#require}); storage class and ACL are normalised to S3's spelling.
     */
    public S3DestinationConfiguration {
        BucketNames.require(bucket);
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(keyTemplate, "keyTemplate");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(acl, "acl");
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size must be at least 1, was " + bufferSize);
        }
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("max batch bytes must be at least 1, was " + maxBatchBytes);
        }
        if (flushInterval.isNegative()) {
            // Every batch would be due at once: stored a record at a time by a flush timer, not what was asked.
            throw new IllegalArgumentException("flush interval must not be negative, was " + flushInterval);
        }
        if (partSize < 5L * 1024 * 1024) {
            throw new IllegalArgumentException("part size must be at least 5 MiB (S3's minimum), was " + partSize);
        }
        if (partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("part size must be at most " + MAX_PART_SIZE
                    + " bytes (one part is held in memory), was " + partSize);
        }
        storageClass = storageClass.map(text -> storageClass(text).orElseThrow(
                () -> new IllegalArgumentException("storage class " + STORAGE_CLASS_RULE + ", was: " + text)));
        acl = acl.map(text -> acl(text).orElseThrow(() -> new IllegalArgumentException("acl " + ACL_RULE + ", was: " + text)));
        ObjectNamer.validate(keyTemplate);
        prefix = asFolder(prefix);
        // Every placeholder has a fixed width, so one sample name has the length of all of them. Checked here,
        // a name too long is a configuration error before any input is read, not a 400 on the first upload.
        int nameBytes = ObjectNamer.name(prefix, keyTemplate, Instant.EPOCH, new byte[0], format.extension())
                .getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("the prefix and key template make object names of " + nameBytes
                    + " bytes (UTF-8); S3 keys hold at most " + MAX_KEY_BYTES);
        }
    }

    /**
     * The storage class {@code text} names, as S3 names it ({@code glacier_ir}: {@code GLACIER_IR}); empty for a word
     * that names none. Checked when the settings are read, a misspelt class is a configuration error before any input
     * is read, not a 400 on the first upload. Any case is taken for the classes the AWS SDK knows, as s3conn takes every
     * other word from a fixed set ({@code --format Parquet}); S3 itself takes only upper case. A name the SDK does not
     * know passes only as S3 writes names ({@code COLD}): an S3-compatible server's own class (Ceph RGW names the
     * storage classes of its placement targets freely), which that server checks at the first upload.
     */
    public static Optional<String> storageClass(String text) {
        String name = text.strip();
        StorageClass known = StorageClass.fromValue(name.toUpperCase(Locale.ROOT));
        if (known != null && known != StorageClass.UNKNOWN_TO_SDK_VERSION) {
            return Optional.of(known.toString());
        }
        return SERVER_CLASS.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /**
     * The canned ACL {@code text} names, as S3 spells it ({@code Bucket-Owner-Full-Control}:
     * {@code bucket-owner-full-control}); empty for a word that names none. Checked up front, a misspelt ACL is a
     * configuration error before any input is read, not a 400 on the first upload.
     */
    public static Optional<String> acl(String text) {
        return ObjectCannedACL.knownValues().stream().map(ObjectCannedACL::toString)
                .filter(known -> known.equalsIgnoreCase(text.strip())).findFirst();
    }

    /**
     * The keys this destination can write, from the naming code that names its objects: what a host that also
     * reads a bucket compares with the scope it reads.
     */
    public WriteScope writeScope() {
        return new WriteScope(bucket, ObjectNamer.keyStart(prefix, keyTemplate, format.extension()),
                ObjectNamer.valueStarts(keyTemplate));
    }

    /**
     * The names of this destination's batch objects ({@link ObjectNamer#namePattern}): what a host that may read its
     * own objects back recognises them by.
     */
    public Pattern objectNames() {
        return ObjectNamer.namePattern(prefix, keyTemplate, format.extension());
    }

    private static String asFolder(String prefix) {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** 1000 records, 64 MiB or 5 s a batch, the default key template, no storage class, encryption or ACL sent. */
    public static S3DestinationConfiguration of(String bucket, String prefix, RecordFormat format) {
        return new S3DestinationConfiguration(bucket, prefix, ObjectNamer.DEFAULT_TEMPLATE, format, 1000,
                64L * 1024 * 1024, Duration.ofSeconds(5), DEFAULT_PART_SIZE, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
