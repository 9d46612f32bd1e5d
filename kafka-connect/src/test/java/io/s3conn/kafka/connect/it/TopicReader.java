package io.s3conn.kafka.connect.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import io.s3conn.core.json.Json;

/**
 * Reads a topic with {@code isolation.level=read_committed} on a thread of its own, keeping every record: what a
 * downstream consumer of an exactly-once source sees.
 */
final class TopicReader implements AutoCloseable {

    /** One record: its key and the OpenCDC value (the payload of the JSON converter's envelope). */
    record Seen(String key, String operation, JsonNode value) {

        /** The record's printable position, as a task wrote it. */
        String position() {
            return value.path("position").asText();
        }
    }

    private final List<Seen> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile RuntimeException failure;

    TopicReader(String topic) {
        thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = ConnectFixtures.readCommitted(topic)) {
                while (!stop) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        JsonNode envelope = Json.mapper().readTree(record.value());
                        JsonNode value = envelope.has("payload") && envelope.has("schema") ? envelope.get("payload") : envelope;
                        synchronized (seen) {
                            seen.add(new Seen(record.key(), value.path("operation").asText(), value));
                        }
                    }
                }
            } catch (Exception e) {
                failure = new IllegalStateException("reading " + topic + " failed", e);
            }
        }, "topic-reader-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Everything read so far, in order. */
    List<Seen> seen() {
        if (failure != null) {
            throw failure;
        }
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** Waits until {@code done} holds for what was read; fails after {@code timeout}. */
    List<Seen> awaitUntil(Predicate<List<Seen>> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Seen> now = seen();
            if (done.test(now)) {
                return now;
            }
            ConnectFixtures.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("not read within " + timeout + ": " + what + " (read " + seen().size() + " records)");
    }

    /**
     * Waits until {@code keys} distinct keys were read, and 2 s more (a duplicate would come in the transactions
     * after the last new key); returns how often each key was read.
     */
    Map<String, Long> awaitKeysThenCount(int keys, Duration timeout) {
        awaitUntil(seen -> seen.stream().map(Seen::key).distinct().count() >= keys, timeout, keys + " distinct keys");
        ConnectFixtures.sleep(Duration.ofSeconds(2));
        return seen().stream().collect(Collectors.groupingBy(Seen::key, Collectors.counting()));
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(10_000);
    }
}
