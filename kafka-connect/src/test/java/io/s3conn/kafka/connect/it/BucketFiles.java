package io.s3conn.kafka.connect.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
     */
    static Path download(TestBed bed, String bucket) throws IOException {
        Path dir = Files.createTempDirectory("s3conn-connect-" + bucket + "-");
        for (S3Object object : objects(bed, bucket)) {
            Files.write(dir.resolve(object.key().replace('/', '_')), read(bed, bucket, object.key()));
        }
        return dir;
    }

    private static byte[] read(TestBed bed, String bucket, String key) {
        for (int attempt = 1; ; attempt++) {
            try {
                return bed.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            } catch (NoSuchKeyException beingReplaced) {
                if (attempt == 25) {
                    throw beingReplaced;
                }
                ConnectFixtures.sleep(Duration.ofMillis(200));
            }
        }
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
