package io.s3conn.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;

import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.ceph.CephRgwServer;
import io.s3conn.testbed.postgres.PostgresServer;
import io.s3conn.testbed.sqs.CredentialRefusingSqs;
import io.s3conn.testbed.sqs.ElasticMqServer;
import software.amazon.awssdk.services.s3.model.Event;

/**
 * The shared fixtures of the integration tests, in one place: one S3Proxy test bed, one Ceph RGW and one
 * PostgreSQL server per test JVM (each started on first use, stopped at exit), unique bucket names and
 * database files per test.
 *
 * <p>A suite runs on every S3 server with {@code @ParameterizedTest @MethodSource("io.s3conn.it.Fixtures#servers")}
 * and an {@link S3Server} parameter; the server's {@link S3Server#name()} becomes the display name.
 */
public final class Fixtures {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static TestBed testBed;
    private static TestBed secondTestBed;
    private static CephRgwServer cephRgw;
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

    /**
     * A second test bed, with S3Proxy storage of its own: another server on another port, for tests of one database
     * given to two servers that each hold a bucket of the same name. Same credentials as {@link #testBed()}.
     */
    public static synchronized TestBed secondTestBed() {
        if (secondTestBed == null) {
            secondTestBed = TestBed.start();
            Runtime.getRuntime().addShutdownHook(new Thread(secondTestBed::close));
        }
        return secondTestBed;
    }

    /** A single-node Ceph cluster with its RADOS Gateway, on loopback (about 15 s to start). */
    public static synchronized CephRgwServer cephRgw() {
        if (cephRgw == null) {
            cephRgw = CephRgwServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(cephRgw::close));
        }
        return cephRgw;
    }

    /**
     * Every S3 server the suites run on, for {@code @MethodSource}: the test bed, then Ceph RGW. Each is started
     * only when JUnit reaches it.
     */
    public static Stream<Named<S3Server>> servers() {
        return Stream.<Supplier<S3Server>>of(Fixtures::testBed, Fixtures::cephRgw)
                .map(Supplier::get)
                .map(server -> Named.of(server.name(), shared(server)));
    }

    /**
     * The server seen through its {@link S3Server} interface only, with {@code close()} doing nothing: JUnit
     * closes every AutoCloseable argument of a parameterized test after the invocation, and these servers
     * are shared by the whole test run (a shutdown hook stops them).
     */
    private static S3Server shared(S3Server server) {
        return (S3Server) java.lang.reflect.Proxy.newProxyInstance(S3Server.class.getClassLoader(),
                new Class<?>[] {S3Server.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                        return server.name();
                    }
                    try {
                        return method.invoke(server, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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

    /**
     * What a command says after "access refused to queue URL: " when the queue's server refuses the credentials so:
     * which credential is wrong, and Amazon SQS's code for it.
     */
    static String credentialRefusal(CredentialRefusingSqs.Refusal refusal) {
        return switch (refusal) {
            case UNKNOWN_ACCESS_KEY_ID -> "the access key id is not known (InvalidClientTokenId)";
            case WRONG_SECRET -> "the secret access key is wrong (SignatureDoesNotMatch)";
            case EXPIRED_TOKEN -> "the session token has expired (ExpiredToken): get new temporary credentials";
        };
    }

    /** A real PostgreSQL server on loopback. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        }
        return postgres;
    }

    /** A new, empty bucket on the test bed with a name no other test uses. */
    public static String newBucket(String purpose) {
        return newBucket(testBed(), purpose);
    }

    /** A new, empty bucket on {@code server} with a name no other test uses. */
    public static String newBucket(S3Server server, String purpose) {
        String name = (purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + "-" + BUCKETS.incrementAndGet());
        server.createBucket(name);
        return name;
    }

    /** A new bucket on {@code server} with versioning enabled. */
    public static String newVersionedBucket(S3Server server, String purpose) {
        String bucket = newBucket(server, purpose);
        server.enableVersioning(bucket);
        return bucket;
    }

    /**
     * A new SQS queue on {@link #sqs()} that {@code bucket} on the test bed sends the events of {@code events} to;
     * its URL.
     */
    public static String queueFor(String bucket, Event... events) {
        return queueFor(bucket, Optional.empty(), events);
    }

    /**
     * A new SQS queue on {@link #sqs()} that {@code bucket} on the test bed sends the events of {@code events} to,
     * for keys ending in {@code suffix} when given; its URL.
     */
    public static String queueFor(String bucket, Optional<String> suffix, Event... events) {
        return sqs().subscribe(testBed().client(), bucket, "q-" + bucket, suffix, events);
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

    /** The database a {@link PostgresServer#freshDatabase()} URL names, for {@link PostgresServer#psql}. */
    static String postgresDatabase(String jdbcUrl) {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1, jdbcUrl.indexOf('?'));
    }

    /** Connection settings for the test bed's emulator endpoint, as a user would configure them. */
    static S3ConnectionSettings connection() {
        return connection(testBed());
    }

    /** Connection settings for {@code server}, as a user would configure them. */
    public static S3ConnectionSettings connection(S3Server server) {
        return S3ConnectionSettings.defaults()
                .withEndpoint(server.endpoint())
                .withRegion(server.region())
                .withPathStyle(true)
                .withCredentials(new StaticCredentials(server.accessKeyId(), server.secretAccessKey(), java.util.Optional.empty()));
    }

    /**
     * Keys that break naive URL handling, XML, position formats and length limits: spaces, {@code +}, {@code %}
     * alone and before hex digits or not ({@code %2B} is what an event carries for {@code +}: decoded twice it would
     * become one), a newline, a carriage return, a tab, a leading and a trailing space, XML's special characters and
     * an entity written out, unicode of two, three and four bytes, a byte order mark, the same word in NFC and in NFD
     * (two keys), and the longest key S3 stores (1,024 bytes of UTF-8 in 515 characters). Keys with {@code //},
     * {@code ./} or {@code ../} segments, and the key {@code /}, are not here: S3Proxy's file-system store folds or refuses them
     * ({@code a/./b} is stored as {@code a/b}), while RGW and Amazon S3 keep them.
     */
    public static final List<String> AWKWARD_KEYS = List.of("a b/c d.txt", "under_score_1", "under_score_s1",
            "plus+sign", "a+b", "%2B", "per%25cent%", "100%", "%41", "%%", "%zz", "new\nline", "cr\rkey", "crlf\r\nkey",
            "tab\tkey", "colon:key", " leading space", "trailing space ", "xml&<>\"'", "xml&amp;", "ünï/cødé/日本語.txt",
            "emoji-😀", "clef-\uD834\uDD1E", "\uFEFFbom", "caf\u00E9", "cafe\u0301", "long/" + "ü".repeat(509) + "x");

    /** {@code count} keys {@code prefix00000}, {@code prefix00001}, ... */
    public static List<String> keys(String prefix, int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(String.format("%s%05d", prefix, i));
        }
        return keys;
    }
}
