package io.s3conn.testbed;

import java.io.IOException;
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

/**
 * A server of the test bed running as a child process on loopback (S3Proxy, ElasticMQ): its output
 * goes to a log file, never to our stdout; it is ready once it answers HTTP; a shutdown hook makes sure
 * it dies with us even when {@link #close()} is never reached.
 */
public final class LoopbackProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;

    private LoopbackProcess(String name, Process process, int port, Path logFile) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.shutdownHook = new Thread(process::destroyForcibly, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} and waits until {@code http://127.0.0.1:port/} answers (any status).
     *
     * @param name    for thread names and messages
     * @param command the command line
     * @param port    the port the process will listen on
     * @param logFile where its output goes
     * @param timeout how long it may take to answer
     */
    public static LoopbackProcess start(String name, List<String> command, int port, Path logFile, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        LoopbackProcess started = new LoopbackProcess(name, process, port, logFile);
        try {
            started.awaitReady(timeout);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** The java executable of this JVM, for child JVMs. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A port free right now on loopback (someone else may take it before it is bound: callers retry). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpRequest probe = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + logTail());
                }
                try {
                    // Any HTTP answer (403 for an unsigned request) means the server is serving.
                    http.send(probe, HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException e) {
                    sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + name, e);
                }
            }
        }
        throw new IllegalStateException(name + " did not answer within " + timeout + ": " + logTail());
    }

    /** The end of the log, for failure messages. */
    public String logTail() {
        try {
            String text = Files.readString(logFile, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, shutdownHook, Duration.ofSeconds(10));
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
