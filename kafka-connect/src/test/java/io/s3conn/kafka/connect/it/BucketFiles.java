package io.s3conn.kafka.connect.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The objects of a bucket copied into a local directory (names flattened), for DuckDB to read. */
final class BucketFiles {

    private BucketFiles() {
    }

    /**
     * The objects listed, each as read right after. An object a sink is writing again (a batch replaced after a
     * rebalance) may answer 404 for a moment, as S3Proxy's in-memory store replaces a file: it is read again, for a
     * few seconds at most, rather than left out (a copy without it could hide a duplicate stored under another name).
     * One that a listing no longer shows, or that still answers 404 after those seconds, is left out: no reader can
     * get records from it (seen once in a full run, after a worker was killed mid-write: a listed key answered 404 for
     * five seconds). Callers count the records, so a batch left out for good shows as records missing, not hidden.
     */
    static Path download(TestBed bed, String bucket) throws IOException {
        Path dir = Files.createTempDirectory("s3conn-connect-" + bucket + "-");
        for (S3Object object : objects(bed, bucket)) {
            Optional<byte[]> content = read(bed, bucket, object.key());
            if (content.isPresent()) {
                Files.write(dir.resolve(object.key().replace('/', '_')), content.get());
            }
        }
        return dir;
    }

    private static Optional<byte[]> read(TestBed bed, String bucket, String key) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(bed.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            } catch (NoSuchKeyException notNow) {
                if (!listed(bed, bucket, key)) {
                    return Optional.empty();
                }
                if (attempt == 25) {
                    return Optional.empty();
                }
                ConnectFixtures.sleep(Duration.ofMillis(200));
            }
        }
    }

    private static boolean listed(TestBed bed, String bucket, String key) {
        return bed.client().listObjectsV2(b -> b.bucket(bucket).prefix(key).maxKeys(1)).contents().stream()
                .anyMatch(object -> object.key().equals(key));
    }

    static List<S3Object> objects(TestBed bed, String bucket) {
        return bed.client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().toList();
    }

    /** Waits until {@code bucket} holds at least {@code count} objects, at most 90 s. */
    static void awaitObjects(TestBed bed, String bucket, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (objects(bed, bucket).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " objects stored in 90 s");
            }
            ConnectFixtures.sleep(Duration.ofMillis(100));
        }
    }
}
