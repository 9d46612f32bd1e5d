package io.s3conn.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy (transient, in-memory storage) running in a child JVM on loopback.
 *
 * <p>It runs out of process because its Jetty and Jackson would clash with whatever the test
 * classpath holds. Its output goes to a log file, never to our stdout, and a shutdown hook makes sure
 * the child dies with us even when {@link #close()} is never reached.
 */
final class S3ProxyProcess implements AutoCloseable {

    /** Overrides the jar location written into {@code testbed.properties} by the build. */
    static final String JAR_PROPERTY = "s3conn.testbed.s3proxy-jar";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;

    private S3ProxyProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.shutdownHook = new Thread(process::destroyForcibly, "s3proxy-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
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
            int chosen = port == 0 ? freePort() : port;
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
            Path log = workDir.resolve("s3proxy-" + port + ".log");
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jarPath().toString(),
                    "--properties", properties.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            S3ProxyProcess proxy = new S3ProxyProcess(process, port, log);
            try {
                proxy.awaitReady();
            } catch (RuntimeException e) {
                proxy.close();
                throw e;
            }
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy", e);
        }
    }

    /** The S3Proxy jar: the system property if set, else where the build copied it. */
    static Path jarPath() {
        String override = System.getProperty(JAR_PROPERTY);
        Path jar;
        if (override != null && !override.isBlank()) {
            jar = Path.of(override);
        } else {
            Properties props = new Properties();
            try (InputStream in = S3ProxyProcess.class.getResourceAsStream("testbed.properties")) {
                if (in == null) {
                    throw new IllegalStateException("testbed.properties missing from the classpath");
                }
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            jar = Path.of(props.getProperty("s3proxy.jar"));
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy jar not found at " + jar
                    + " (build the testbed module, or set -D" + JAR_PROPERTY + ")");
        }
        return jar;
    }

    private void awaitReady() {
        HttpRequest probe = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ": " + logTail());
                }
                try {
                    // Any HTTP answer (403 for an unsigned request) means Jetty is serving.
                    http.send(probe, HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException e) {
                    sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
                }
            }
        }
        throw new IllegalStateException("S3Proxy did not answer within " + STARTUP_TIMEOUT + ": " + logTail());
    }

    private String logTail() {
        try {
            String text = Files.readString(logFile, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; destroying twice is harmless
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
