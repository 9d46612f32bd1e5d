package io.s3conn.testbed.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kafka cluster on loopback for tests: one KRaft broker and Connect workers in distributed mode, each in its
 * own JVM, their logs in {@link #workDir()}. Workers can be killed and replaced while the cluster runs.
 */
public final class KafkaCluster implements AutoCloseable {

    private final Path workDir;
    private final Path pluginPath;
    private final KafkaBroker broker;
    private final List<ConnectWorker> workers = new ArrayList<>();
    private final String groupId = "s3conn-connect";
    private int started;

    private KafkaCluster(Path workDir, Path pluginPath, KafkaBroker broker) {
        this.workDir = workDir;
        this.pluginPath = pluginPath;
        this.broker = broker;
    }

    /**
     * Starts the broker, then {@code workers} Connect workers (in parallel), and waits until all answer.
     *
     * @param pluginPath the workers' {@code plugin.path}: a directory of plugin directories
     */
    public static KafkaCluster start(Path pluginPath, int workers) {
        Objects.requireNonNull(pluginPath, "pluginPath");
        Path workDir;
        try {
            workDir = Files.createTempDirectory("s3conn-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaBroker broker = KafkaBroker.start(workDir.resolve("broker"));
        KafkaCluster cluster = new KafkaCluster(workDir, pluginPath, broker);
        try {
            List<ConnectWorker> launched = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                launched.add(cluster.launchWorker());
            }
            launched.forEach(ConnectWorker::awaitReady);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Starts one more worker in the group and waits until it answers. */
    public synchronized ConnectWorker addWorker() {
        return launchWorker().awaitReady();
    }

    private synchronized ConnectWorker launchWorker() {
        ConnectWorker worker = ConnectWorker.launch("worker-" + (++started), broker.bootstrapServers(), groupId, pluginPath,
                workDir.resolve("connect"), Map.of());
        workers.add(worker);
        return worker;
    }

    /** {@code bootstrap.servers} of the broker. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The workers started so far, dead ones included, in start order. */
    public synchronized List<ConnectWorker> workers() {
        return List.copyOf(workers);
    }

    /**
     * The lines of the log files and captured output (stdout and stderr, {@code <log>.out}) of every worker started
     * so far, dead ones included: what an operator would read about the tasks.
     */
    public List<String> workerLogLines() {
        List<String> lines = new ArrayList<>();
        for (ConnectWorker worker : workers()) {
            Path log = worker.logFile();
            for (Path file : List.of(log, log.resolveSibling(log.getFileName() + ".out"))) {
                try {
                    if (Files.exists(file)) {
                        // Byte for byte: a log line may hold any byte, and must not fail to decode.
                        lines.addAll(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    /** The workers alive. */
    public synchronized List<ConnectWorker> liveWorkers() {
        return workers.stream().filter(ConnectWorker::isAlive).toList();
    }

    /** The REST API of a live worker. */
    public ConnectRest rest() {
        return liveWorkers().getFirst().rest();
    }

    /** Where the configuration and log files are. */
    public Path workDir() {
        return workDir;
    }

    @Override
    public synchronized void close() {
        workers.forEach(ConnectWorker::close);
        broker.close();
    }
}
