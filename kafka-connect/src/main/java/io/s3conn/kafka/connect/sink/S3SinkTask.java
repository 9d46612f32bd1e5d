package io.s3conn.kafka.connect.sink;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.s3conn.core.s3.RequestFailure;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.text.TerminalText;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.kafka.connect.Outage;
import io.s3conn.kafka.connect.Version;
import io.s3conn.kafka.connect.config.SinkConfig;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Records of the assigned topic partitions into objects, one {@link PartitionWriter} per partition.
 * {@link #preCommit} hands Connect only offsets of records that are in stored objects; a batch in progress
 * when a partition is taken away is dropped, and its records are read again by the partition's next owner.
 *
 * <p>A batch that cannot be stored for a reason that may pass ({@link RequestFailure#mayPass()}: throttling, 5xx, no
 * connection, after the SDK's own retries) does not fail the task: its partition is read again from the batch's
 * first record ({@code context.offset}), and {@link #put} throws a {@link RetriableException} after
 * {@code context.timeout} of a wait that doubles up to {@link Outage#MAX_WAIT}, so that Connect delivers the
 * records again (a delivery before the wait is over is refused the same way, without a request to S3); the batch written again gets the same name and replaces any copy of the failed one. Any other
 * failure (access refused, no such bucket) fails the task with one line, and so does a record that is one of this
 * sink's own objects read back by a source connector ({@link OwnObjectsGuard}), before its batch is stored.
 */
public final class S3SinkTask extends SinkTask {

    private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();
    private S3Client s3;
    private S3DestinationConfiguration destination;
    private String bucket;
    private Outage outage;
    private OwnObjectsGuard guard;
    private static final Logger LOG = LoggerFactory.getLogger(S3SinkTask.class);

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        SinkConfig config = new SinkConfig(props);
        destination = config.destination();
        bucket = destination.bucket();
        guard = new OwnObjectsGuard(destination);
        outage = new Outage(LOG, "storing records in s3://" + bucket + "/" + destination.prefix(), bucket);
        s3 = S3Clients.create(config.connection());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        partitions.forEach(this::writer);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        Duration wait = outage.untilRetry();
        if (!wait.isZero() && !records.isEmpty()) {
            // Connect delivers again after context.timeout or at its next offset commit, whichever comes first
            // (offset.flush.interval.ms): S3 is left alone until the wait is over.
            context.timeout(wait.toMillis());
            throw new RetriableException("storing records in s3://" + bucket + " waits " + wait.toMillis()
                    + " ms more before it tries again");
        }
        PartitionWriter.BatchFailedException passing = null;
        for (SinkRecord record : records) {
            TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            try {
                writer(partition).write(record);
            } catch (PartitionWriter.BatchFailedException e) {
                RequestFailure kind = RequestFailure.of(e.getCause());
                if (!kind.mayPass()) {
                    // Escaped: the first line of the task's trace, and a server's text may hold a control character.
                    throw new ConnectException(TerminalText.escaped("storing records of " + partition + " in s3://" + bucket
                            + " failed: " + Outage.oneLine(e.getCause(), bucket)), e.getCause());
                }
                // The other partitions' records go on; this one's are skipped until it is read again from here.
                context.offset(partition, e.rewindTo());
                if (passing == null) {
                    passing = e;
                    context.timeout(outage.failed(kind, e.getCause()).toMillis());
                }
            }
        }
        if (passing != null) {
            // No cause: Connect logs this at every retry, and the outage's one WARN line said why.
            throw new RetriableException("storing records in s3://" + bucket + " failed, will be retried: "
                    + Outage.oneLine(passing.getCause(), bucket));
        }
        writers.values().forEach(PartitionWriter::putDelivered);
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
        return writers.computeIfAbsent(partition, p -> new PartitionWriter(s3, destination, outage::succeeded, guard));
    }
}
