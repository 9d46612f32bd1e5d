package io.s3conn.app.serve;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.postgres.PostgresServer;

/**
 * The S3Proxy test bed for {@code @QuarkusTest}s of {@code serve}: a bucket {@code served} with a few
 * objects, and configuration for one inventory job {@code inv} on it every second. With the init argument
 * {@code postgres=true}, its database is a fresh one on a throwaway PostgreSQL server, {@link #postgres}.
 */
public class TestBedResource implements QuarkusTestResourceLifecycleManager {

    static TestBed bed;
    static PostgresServer postgres;
    /** The name of the job's database on {@link #postgres}. */
    static String postgresDatabase;

    private boolean onPostgres;

    @Override
    public void init(Map<String, String> initArgs) {
        onPostgres = Boolean.parseBoolean(initArgs.get("postgres"));
    }

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
        config.put("s3conn.database", onPostgres ? postgresDatabase() : sqliteDatabase());
        config.put("s3conn.jobs.inv.type", "inventory");
        config.put("s3conn.jobs.inv.bucket", "served");
        config.put("s3conn.jobs.inv.every", "1s");
        return config;
    }

    private static String sqliteDatabase() {
        try {
            return "jdbc:sqlite:" + Files.createTempDirectory("s3conn-serve-").resolve("s3conn.db");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String postgresDatabase() {
        postgres = PostgresServer.start();
        String url = postgres.freshDatabase();
        postgresDatabase = java.net.URI.create(url.substring("jdbc:".length())).getPath().substring(1);
        return url;
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (bed != null) {
            bed.close();
        }
    }
}
