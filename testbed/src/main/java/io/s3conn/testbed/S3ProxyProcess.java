package io.s3conn.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * S3Proxy (transient, in-memory storage) running in a child JVM on loopback.
 *
 * <p>It runs out of process because its Jetty and Jackson would clash with whatever the test
 * classpath holds ({@link LoopbackProcess}: log file, readiness, shutdown hook).
 */
final class S3ProxyProcess implements AutoCloseable {

    /** Overrides the jar location written into {@code testbed.properties} by the build. */
    static final String JAR_PROPERTY = "s3conn.testbed.s3proxy-jar";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final LoopbackProcess process;

    private S3ProxyProcess(LoopbackProcess process) {
        this.process = process;
    }

    /**
     * Starts S3Proxy and waits until it answers HTTP.
     *
     * @param port    the port to listen on, 0 for a free one
     * @param workDir where the properties and log files go
     */
    static S3ProxyProcess start(int port, Path workDir, String identity, String credential, String region) {
        // A free port found up front can be taken by someone else before S3Proxy binds it: retry then.
        int attempts = port == 0 ? 3 : 1;
        RuntimeException last = null;
        for (int i = 0; i < attempts; i++) {
            int chosen = port == 0 ? LoopbackProcess.freePort() : port;
            try {
                return launch(chosen, workDir, identity, credential, region);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private static S3ProxyProcess launch(int port, Path workDir, String identity, String credential,
                                         String region) {
        try {
            Path properties = workDir.resolve("s3proxy.properties");
            Properties p = new Properties();
            p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
            p.setProperty("jclouds.provider", "transient-nio2");
            p.setProperty("jclouds.identity", identity);
            p.setProperty("jclouds.credential", credential);
            p.setProperty("jclouds.regions", region);
            p.setProperty("s3proxy.identity", identity);
            p.setProperty("s3proxy.credential", credential);
            p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            p.setProperty("s3proxy.ignore-unknown-headers", "true");
            try (var out = Files.newOutputStream(properties)) {
                p.store(out, "written by s3conn testbed");
            }
            return new S3ProxyProcess(LoopbackProcess.start("S3Proxy",
                    List.of(LoopbackProcess.javaExecutable(), "-Xmx512m", "-jar", jarPath().toString(),
                            "--properties", properties.toString()),
                    port, workDir.resolve("s3proxy-" + port + ".log"), STARTUP_TIMEOUT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy", e);
        }
    }

    /** The S3Proxy jar: the system property if set, else where the build copied it. */
    static Path jarPath() {
        String override = System.getProperty(JAR_PROPERTY);
        Path jar = override != null && !override.isBlank() ? Path.of(override) : Path.of(TestBedBuild.property("s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy jar not found at " + jar
                    + " (build the testbed module, or set -D" + JAR_PROPERTY + ")");
        }
        return jar;
    }

    URI endpoint() {
        return process.endpoint();
    }

    int port() {
        return process.port();
    }

    Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        process.close();
    }
}
