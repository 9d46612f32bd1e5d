package io.s3conn.kafka.connect.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

import io.s3conn.core.s3.S3Clients;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.kafka.connect.Version;
import io.s3conn.kafka.connect.config.SinkConfig;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Records of the assigned topic partitions into objects, one {@link PartitionWriter} per partition.
 * {@link #preCommit} hands Connect only offsets of records that are in stored objects; a batch in progress
 * when a partition is taken away is dropped, and its records are read again by the partition's next owner.
 */
public final class S3SinkTask extends SinkTask {

    private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();
    private S3Client s3;
    private S3DestinationConfiguration destination;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        SinkConfig config = new SinkConfig(props);
        destination = config.destination();
        s3 = S3Clients.create(config.connection());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        partitions.forEach(this::writer);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            writer(new TopicPartition(record.originalTopic(), record.originalKafkaPartition())).write(record);
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> stored = new HashMap<>();
        writers.forEach((partition, writer) -> writer.committable()
                .ifPresent(offset -> stored.put(partition, new OffsetAndMetadata(offset))));
        return stored;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PartitionWriter writer = writers.remove(partition);
            if (writer != null) {
                writer.discard();
            }
        }
    }

    @Override
    public void stop() {
        writers.values().forEach(PartitionWriter::discard);
        writers.clear();
        if (s3 != null) {
            s3.close();
        }
    }

    private PartitionWriter writer(TopicPartition partition) {
        return writers.computeIfAbsent(partition, p -> new PartitionWriter(s3, destination));
    }
}
