package io.s3conn.app.serve;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.s3conn.testbed.LatencyProxy;
import io.s3conn.testbed.TestBed;

/**
 * The S3Proxy test bed for {@code @QuarkusTest}s of {@code serve}: a bucket {@code served} with a few
 * objects, and configuration for one inventory job {@code inv} on it every second. With the init argument
 * {@code proxied=true}, the application reaches the bed through {@link #proxy}, which counts its connections.
 */
public class TestBedResource implements QuarkusTestResourceLifecycleManager {

    static TestBed bed;
    static LatencyProxy proxy;

    private boolean proxied;

    @Override
    public void init(Map<String, String> initArgs) {
        proxied = Boolean.parseBoolean(initArgs.get("proxied"));
    }

    @Override
    public Map<String, String> start() {
        bed = TestBed.start();
        bed.createBucket("served");
        bed.putMany("served", List.of("a", "b", "c"), 3);
        Map<String, String> config = new HashMap<>();
        if (proxied) {
            proxy = LatencyProxy.start(bed.endpoint(), java.time.Duration.ZERO);
        }
        config.put("s3conn.aws.endpoint-url", (proxied ? proxy.endpoint() : bed.endpoint()).toString());
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
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        if (bed != null) {
            bed.close();
        }
    }
}
