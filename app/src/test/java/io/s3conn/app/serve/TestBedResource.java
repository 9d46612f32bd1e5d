package io.s3conn.app.serve;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.s3conn.testbed.TestBed;

/**
 * The S3Proxy test bed for {@code @QuarkusTest}s of {@code serve}: a bucket {@code served} with a few
 * objects, and configuration for one inventory job {@code inv} on it every second.
 */
public class TestBedResource implements QuarkusTestResourceLifecycleManager {

    static TestBed bed;

    @Override
    public Map<String, String> start() {
        bed = TestBed.start();
        bed.createBucket("served");
        bed.putMany("served", List.of("a", "b", "c"), 3);
        Map<String, String> config = new HashMap<>();
        config.put("s3conn.aws.endpoint-url", bed.endpoint().toString());
        config.put("s3conn.aws.access-key-id", bed.accessKeyId());
        config.put("s3conn.aws.secret-access-key", bed.secretAccessKey());
        config.put("s3conn.aws.region", bed.region());
        try {
            config.put("s3conn.database", "jdbc:sqlite:" + Files.createTempDirectory("s3conn-serve-").resolve("s3conn.db"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        config.put("s3conn.jobs.inv.type", "inventory");
        config.put("s3conn.jobs.inv.bucket", "served");
        config.put("s3conn.jobs.inv.every", "1s");
        return config;
    }

    @Override
    public void stop() {
        if (bed != null) {
            bed.close();
        }
    }
}
