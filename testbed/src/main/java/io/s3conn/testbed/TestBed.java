package io.s3conn.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A real S3 server on loopback for tests, demos and benchmarks: S3Proxy in its own JVM, fronted by the
 * {@link ArchiveEmulator} for what S3Proxy lacks (Glacier restores, archive tiers, fault injection).
 * Bucket and object helpers ({@code createBucket}, {@code put}, {@code putMany}) come from {@link S3Server}.
 *
 * <pre>{@code
 * try (TestBed tb = TestBed.start()) {
 *     tb.createBucket("b");
 *     tb.put("b", "k", "hello", "GLACIER");
 *     tb.client().restoreObject(...);
 * }
 * }</pre>
 */
public final class TestBed implements S3Server, AutoCloseable {

    /** Fixed test credentials: S3Proxy accepts exactly these. */
    public static final String ACCESS_KEY_ID = "s3conn-test-key";
    public static final String SECRET_ACCESS_KEY = "s3conn-test-secret";
    public static final String REGION = "us-east-1";

    /** Every storage class Amazon S3 has: S3Proxy keeps whichever it is sent, the emulator archives two. */
    private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "STANDARD_IA", "ONEZONE_IA",
            "REDUCED_REDUNDANCY", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE", "INTELLIGENT_TIERING");

    private final Path workDir;
    private final S3ProxyProcess s3Proxy;
    private final ArchiveEmulator emulator;
    private final S3Client client;

    private TestBed(Path workDir, S3ProxyProcess s3Proxy, ArchiveEmulator emulator) {
        this.workDir = workDir;
        this.s3Proxy = s3Proxy;
        this.emulator = emulator;
        this.client = newClient(emulator.endpoint());
    }

    /** Starts S3Proxy and the emulator on free ports. */
    public static TestBed start() {
        return start(TestBedOptions.defaults());
    }

    public static TestBed start(TestBedOptions options) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("s3conn-testbed-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        S3ProxyProcess s3Proxy = S3ProxyProcess.start(options.s3ProxyPort(), workDir, ACCESS_KEY_ID,
                SECRET_ACCESS_KEY, REGION);
        try {
            return new TestBed(workDir, s3Proxy, ArchiveEmulator.start(options.emulatorPort(), s3Proxy.port()));
        } catch (RuntimeException e) {
            s3Proxy.close();
            throw e;
        }
    }

    /**
     * An SDK v2 client for {@code endpoint} with the test credentials: path-style, the JDK's URLConnection HTTP client,
     * and checksums only when an operation requires them (S3Proxy does not know the SDK's newer
     * default checksum headers).
     */
    public static S3Client newClient(URI endpoint) {
        return clientBuilder(endpoint).build();
    }

    /** A {@link #newClient(URI)} whose SDK retries are off, so that its caller sees every throttle and error. */
    public static S3Client newClientWithoutRetries(URI endpoint) {
        return clientBuilder(endpoint).overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build();
    }

    /** The configuration of {@link #newClient(URI)}, to adjust (e.g. retries) before building. */
    public static S3ClientBuilder clientBuilder(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)));
    }

    @Override
    public String name() {
        return "S3Proxy";
    }

    /** The emulator: what clients should use. */
    @Override
    public URI endpoint() {
        return emulator.endpoint();
    }

    /** S3Proxy directly, without any emulation. */
    public URI s3ProxyEndpoint() {
        return s3Proxy.endpoint();
    }

    @Override
    public String accessKeyId() {
        return ACCESS_KEY_ID;
    }

    @Override
    public String secretAccessKey() {
        return SECRET_ACCESS_KEY;
    }

    @Override
    public String region() {
        return REGION;
    }

    /** A shared client for {@link #endpoint()}, closed with the test bed. */
    @Override
    public S3Client client() {
        return client;
    }

    @Override
    public Set<String> storageClasses() {
        return STORAGE_CLASSES;
    }

    /** True: the archive emulator makes GLACIER and DEEP_ARCHIVE objects behave as on Amazon S3. */
    @Override
    public boolean restoresArchives() {
        return true;
    }

    public ArchiveEmulator emulator() {
        return emulator;
    }

    /** S3Proxy's output, for diagnosing failures. */
    public Path s3ProxyLog() {
        return s3Proxy.logFile();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            try {
                emulator.close();
            } finally {
                s3Proxy.close();
                ChildProcesses.deleteTree(workDir);
            }
        }
    }
}
