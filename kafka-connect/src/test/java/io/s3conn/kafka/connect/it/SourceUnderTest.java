package io.s3conn.kafka.connect.it;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.s3conn.testbed.kafka.ConnectRest;

/**
 * A bucket of numbered keys ({@code obj-00000} ...) and the configuration of an exactly-once source connector of it
 * ({@link SourceConnectorIT#source}) into a topic of its own, not created yet.
 *
 * @param name   the connector's name
 * @param topic  its topic
 * @param keys   the bucket's keys, in key order
 * @param config its configuration, to change before creating it
 */
record SourceUnderTest(String name, String topic, List<String> keys, Map<String, String> config) {

    /** {@code objects} keys in a new bucket, and a source of {@code tasks} tasks at most, all named after {@code purpose}. */
    static SourceUnderTest of(String purpose, int objects, int tasks) throws IOException {
        String bucket = ConnectFixtures.newBucket(purpose);
        List<String> keys = ConnectFixtures.numberedKeys("obj-", objects);
        ConnectFixtures.testBed().putMany(bucket, keys, 16);
        String topic = ConnectFixtures.unique(purpose);
        Map<String, String> config = SourceConnectorIT.source(bucket, topic);
        config.put("tasks.max", Integer.toString(tasks));
        return new SourceUnderTest(ConnectFixtures.unique(purpose + "-source"), topic, keys, config);
    }

    /**
     * Opens a reader of the topic, creates the connector through {@code connectors} on the worker behind {@code rest}
     * and returns the reader once {@code records} records (the {@code what} of a timeout's message) have arrived
     * within a minute; the caller closes it.
     */
    TopicReader createAndAwait(ConnectorTestCleanup connectors, ConnectRest rest, int records, String what)
            throws InterruptedException {
        TopicReader reader = new TopicReader(topic);
        try {
            connectors.create(rest, name, config);
            reader.awaitUntil(seen -> seen.size() >= records, Duration.ofSeconds(60), what);
            return reader;
        } catch (RuntimeException | Error e) {
            reader.close();
            throw e;
        }
    }

    /** The bucket. */
    String bucket() {
        return config.get("bucket");
    }
}
