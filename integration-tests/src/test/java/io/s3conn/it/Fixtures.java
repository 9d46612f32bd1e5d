package io.s3conn.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.postgres.PostgresServer;
import io.s3conn.testbed.sqs.ElasticMqServer;

/**
 * The shared fixtures of the integration tests, in one place: one S3Proxy test bed and one
 * PostgreSQL server per test JVM (started on first use, stopped at exit), unique bucket names and
 * database files per test.
 */
public final class Fixtures {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static TestBed testBed;
    private static PostgresServer postgres;
    private static ElasticMqServer sqs;

    private Fixtures() {
    }

    /** The test bed: S3Proxy behind the archive emulator, on loopback. */
    public static synchronized TestBed testBed() {
        if (testBed == null) {
            testBed = TestBed.start();
            Runtime.getRuntime().addShutdownHook(new Thread(testBed::close));
        }
        return testBed;
    }

    /** ElasticMQ as the SQS server on loopback; the test bed's emulator sends its event notifications there. */
    public static synchronized ElasticMqServer sqs() {
        if (sqs == null) {
            sqs = ElasticMqServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(sqs::close));
            testBed().emulator().notifications().connect(sqs.endpoint());
        }
        return sqs;
    }

    /** A real PostgreSQL server on loopback. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        }
        return postgres;
    }

    /** A new, empty bucket with a name no other test uses. */
    public static String newBucket(String purpose) {
        String name = (purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + "-" + BUCKETS.incrementAndGet());
        testBed().createBucket(name);
        return name;
    }

    /** A JDBC URL of a SQLite file in a fresh temporary directory (the file itself not created). */
    public static String newSqliteUrl() {
        try {
            return "jdbc:sqlite:" + Files.createTempDirectory("s3conn-it-").resolve("s3conn.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of a SQLite JDBC URL. */
    static Path sqliteFile(String jdbcUrl) {
        return Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
    }

    /** Connection settings for the test bed's emulator endpoint, as a user would configure them. */
    static S3ConnectionSettings connection() {
        TestBed bed = testBed();
        return S3ConnectionSettings.defaults()
                .withEndpoint(bed.endpoint())
                .withRegion(bed.region())
                .withPathStyle(true)
                .withCredentials(new StaticCredentials(bed.accessKeyId(), bed.secretAccessKey(), java.util.Optional.empty()));
    }

    /** {@code count} keys {@code prefix00000}, {@code prefix00001}, ... */
    static List<String> keys(String prefix, int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(String.format("%s%05d", prefix, i));
        }
        return keys;
    }
}
