package io.s3conn.testbed.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka Connect worker in distributed mode ({@code ConnectDistributed}) in its own JVM, its REST API on a
 * free loopback port, with exactly-once source support enabled and timings short enough for tests: a dead
 * worker's tasks move after about {@code session.timeout.ms} plus {@code scheduled.rebalance.max.delay.ms}.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final ChildJvm jvm;
    private final URI rest;
    private final String name;

    private ConnectWorker(ChildJvm jvm, URI rest, String name) {
        this.jvm = jvm;
        this.rest = rest;
        this.name = name;
    }

    /**
     * Starts a worker of group {@code groupId} without waiting for it.
     *
     * @param pluginPath the directory holding plugin directories ({@code plugin.path})
     * @param overrides  worker settings that replace the defaults
     */
    static ConnectWorker launch(String name, String bootstrapServers, String groupId, Path pluginPath, Path workDir,
                                Map<String, String> overrides) {
        int port = ChildJvm.freePort();
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("group.id", groupId);
        p.setProperty("listeners", "http://127.0.0.1:" + port);
        p.setProperty("rest.advertised.host.name", "127.0.0.1");
        p.setProperty("rest.advertised.port", String.valueOf(port));
        p.setProperty("plugin.path", pluginPath.toString());
        p.setProperty("plugin.discovery", "service_load");
        p.setProperty("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.setProperty("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.setProperty("value.converter.schemas.enable", "true");
        p.setProperty("config.storage.topic", groupId + "-configs");
        p.setProperty("offset.storage.topic", groupId + "-offsets");
        p.setProperty("status.storage.topic", groupId + "-status");
        p.setProperty("config.storage.replication.factor", "1");
        p.setProperty("offset.storage.replication.factor", "1");
        p.setProperty("offset.storage.partitions", "5");
        p.setProperty("status.storage.replication.factor", "1");
        p.setProperty("status.storage.partitions", "1");
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("exactly.once.source.support", "enabled");
        p.setProperty("session.timeout.ms", "6000");
        p.setProperty("heartbeat.interval.ms", "1000");
        p.setProperty("scheduled.rebalance.max.delay.ms", "1000");
        p.setProperty("task.shutdown.graceful.timeout.ms", "5000");
        p.setProperty("consumer.session.timeout.ms", "6000");
        p.setProperty("consumer.heartbeat.interval.ms", "1000");
        overrides.forEach(p::setProperty);
        Path config = workDir.resolve(name + ".properties");
        try {
            Files.createDirectories(workDir);
            try (var out = Files.newOutputStream(config)) {
                p.store(out, "written by s3conn testbed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildJvm jvm = ChildJvm.start("org.apache.kafka.connect.cli.ConnectDistributed", List.of(config.toString()),
                workDir.resolve(name + ".log"), "768m");
        return new ConnectWorker(jvm, URI.create("http://127.0.0.1:" + port), name);
    }

    /**
     * Waits until the REST API answers and the worker has joined the group (its log says so: neither its root resource
     * nor {@code GET /connectors} waits for that). Before, the root resource answering was taken as ready: a worker added
     * to replace a killed one joined the group seconds later (7 s on a loaded machine), in the middle of the next test,
     * and took tasks over there.
     */
    ConnectWorker awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        ConnectRest client = rest();
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("Connect worker " + name + " exited: " + jvm.outputTail());
            }
            if (client.answers() && joinedGroup()) {
                return this;
            }
            ChildJvm.sleep(250);
        }
        throw new IllegalStateException("Connect worker " + name + " did not answer within " + STARTUP_TIMEOUT + ": " + jvm.outputTail());
    }

    /** The worker's REST API. */
    public ConnectRest rest() {
        return new ConnectRest(rest);
    }

    /** Whether the worker's log says it joined its group ("Joined group at generation N ..."), at least once. */
    private boolean joinedGroup() {
        try {
            // Latin-1: any byte decodes (a line being written may end inside a character); the phrase is ASCII.
            return Files.exists(jvm.logFile()) && new String(Files.readAllBytes(jvm.logFile()),
                    java.nio.charset.StandardCharsets.ISO_8859_1).contains("Joined group at generation");
        } catch (IOException e) {
            return false; // asked again
        }
    }

    /** The REST address, such as {@code http://127.0.0.1:41234}; also the worker id Connect reports ({@code 127.0.0.1:41234}). */
    public URI restUri() {
        return rest;
    }

    /** The id Connect gives this worker in task statuses. */
    public String workerId() {
        return rest.getHost() + ":" + rest.getPort();
    }

    /** The worker JVM's process id, for tools that look inside it ({@code jcmd PID Thread.print}). */
    public long pid() {
        return jvm.pid();
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    public Path logFile() {
        return jvm.logFile();
    }

    /** SIGKILL: the worker dies without a word to the group, as when its machine is lost. */
    public void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        jvm.close();
    }

    @Override
    public String toString() {
        return "ConnectWorker[" + name + " " + rest + "]";
    }
}
