package io.s3conn.testbed.kafka;

import io.s3conn.testbed.ChildProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka JVM (broker, storage tool or Connect worker) started from the classpath the build copied to
 * {@code testbed/target/kafka/lib}. Its output goes to a log file; a shutdown hook kills it when the test JVM
 * exits, whether or not {@link #close()} was reached.
 */
final class ChildJvm implements AutoCloseable {

    /** Overrides the classpath directory written into {@code testbed.properties} by the build. */
    static final String LIB_PROPERTY = "s3conn.testbed.kafka-lib";

    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private ChildJvm(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(process::destroyForcibly, "kafka-jvm-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code mainClass} with {@code args}; Log4j 2 writes to {@code logFile}.
     *
     * @param heap maximum heap, such as {@code 512m}
     */
    static ChildJvm start(String mainClass, List<String> args, Path logFile, String heap) {
        try {
            Path log4j = logFile.resolveSibling(logFile.getFileName() + ".log4j2.properties");
            Files.writeString(log4j, String.join("\n",
                    "rootLogger.level=INFO",
                    "rootLogger.appenderRef.file.ref=file",
                    "appender.file.type=File",
                    "appender.file.name=file",
                    "appender.file.fileName=" + logFile,
                    "appender.file.layout.type=PatternLayout",
                    "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                    "logger.kafka.name=org.apache.kafka",
                    "logger.kafka.level=INFO",
                    "logger.reflections.name=org.reflections",
                    "logger.reflections.level=ERROR",
                    ""), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                    "-Dlog4j2.configurationFile=" + log4j, "-cp", libDir() + "/*", mainClass));
            command.addAll(args);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.resolveSibling(logFile.getFileName() + ".out").toFile()))
                    .start();
            return new ChildJvm(process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    /** Runs {@code mainClass} to completion; fails with its output when it exits non-zero. */
    static void run(String mainClass, List<String> args, Path logFile) {
        try (ChildJvm jvm = start(mainClass, args, logFile, "256m")) {
            if (!jvm.process.waitFor(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(mainClass + " did not finish within 120 s");
            }
            if (jvm.process.exitValue() != 0) {
                throw new IllegalStateException(mainClass + " exited with " + jvm.process.exitValue() + ": " + jvm.outputTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + mainClass, e);
        }
    }

    /** The directory of the Kafka jars: the system property if set, else where the build copied them. */
    static Path libDir() {
        String override = System.getProperty(LIB_PROPERTY);
        Path dir;
        if (override != null && !override.isBlank()) {
            dir = Path.of(override);
        } else {
            Properties props = new Properties();
            try (InputStream in = ChildJvm.class.getResourceAsStream("/io/s3conn/testbed/testbed.properties")) {
                if (in == null) {
                    throw new IllegalStateException("testbed.properties missing from the classpath");
                }
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir = Path.of(props.getProperty("kafka.lib"));
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Kafka classpath not found at " + dir
                    + " (build the testbed module, or set -D" + LIB_PROPERTY + ")");
        }
        return dir;
    }

    /** A free port on loopback, at the time of asking. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    /** The end of the log file and of the JVM's own output, for failure messages. */
    String outputTail() {
        StringBuilder tail = new StringBuilder();
        for (Path file : List.of(logFile.resolveSibling(logFile.getFileName() + ".out"), logFile)) {
            try {
                String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
                tail.append(text.length() > 3000 ? text.substring(text.length() - 3000) : text);
            } catch (IOException e) {
                tail.append("(cannot read ").append(file).append(": ").append(e).append(')');
            }
        }
        return tail.toString();
    }

    /** SIGKILL: the JVM gets no chance to clean up, as when a machine dies. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, shutdownHook, Duration.ofSeconds(20));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
