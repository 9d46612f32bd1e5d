package io.s3conn.testbed.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * One Kafka broker in KRaft mode, broker and controller in one JVM, on loopback: its storage is formatted
 * first ({@code kafka.tools.StorageTool format}), then {@code kafka.Kafka} runs with a generated
 * {@code server.properties}. Internal topics have one replica.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final ChildJvm jvm;
    private final int port;

    private KafkaBroker(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    /** Formats storage in {@code workDir} and starts the broker; returns once it accepts connections. */
    public static KafkaBroker start(Path workDir) {
        int port = ChildJvm.freePort();
        int controllerPort = ChildJvm.freePort();
        Path config = workDir.resolve("server.properties");
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", workDir.resolve("data").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        try {
            Files.createDirectories(workDir);
            try (var out = Files.newOutputStream(config)) {
                p.store(out, "written by s3conn testbed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildJvm.run("kafka.tools.StorageTool", List.of("format", "--cluster-id", clusterId(), "--config", config.toString(),
                "--ignore-formatted"), workDir.resolve("storage-format.log"));
        ChildJvm jvm = ChildJvm.start("kafka.Kafka", List.of(config.toString()), workDir.resolve("broker.log"), "768m");
        KafkaBroker broker = new KafkaBroker(jvm, port);
        try {
            broker.awaitListening();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's log. */
    public Path logFile() {
        return jvm.logFile();
    }

    @Override
    public void close() {
        jvm.close();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited: " + jvm.outputTail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                ChildJvm.sleep(200);
            }
        }
        throw new IllegalStateException("the Kafka broker did not listen within " + STARTUP_TIMEOUT + ": " + jvm.outputTail());
    }

    /** A cluster id as Kafka writes them: 16 random bytes, base64url without padding, not starting with '-'. */
    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
