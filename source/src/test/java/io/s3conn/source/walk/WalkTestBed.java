package io.s3conn.source.walk;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The test bed of a walk test class that lists a real server: started before the class's first test (and before its
 * own {@code @BeforeAll}, which seeds the buckets) and closed after its last. A class registers one with
 * {@code @RegisterExtension static final WalkTestBed server = new WalkTestBed();}.
 */
final class WalkTestBed implements BeforeAllCallback, AfterAllCallback {

    private TestBed bed;

    @Override
    public void beforeAll(ExtensionContext context) {
        bed = TestBed.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (bed != null) {
            bed.close();
        }
    }

    /** The client of the test bed's endpoint. */
    S3Client s3() {
        return bed.client();
    }

    /** Creates {@code bucket} with {@code keys} in it, one version each. */
    void bucket(String bucket, List<String> keys) {
        bed.createBucket(bucket);
        bed.putMany(bucket, keys, 4);
    }

    /**
     * Creates versioned {@code bucket} with two versions of each of {@code keys}, {@code "<key> 1"} then
     * {@code "<key> two"}: contents of different lengths, so that the two versions differ in size as well.
     */
    void versionedBucket(String bucket, List<String> keys) {
        bed.createBucket(bucket);
        bed.enableVersioning(bucket);
        for (String key : keys) {
            bed.put(bucket, key, key + " 1", null);
            bed.put(bucket, key, key + " two", null);
        }
    }
}
