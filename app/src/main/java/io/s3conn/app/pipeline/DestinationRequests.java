package io.s3conn.app.pipeline;

import java.util.Objects;

import io.s3conn.app.cli.BucketRequestException;
import io.s3conn.core.record.Record;
import io.s3conn.destination.RecordWriter;
import io.s3conn.destination.WriterFailedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A pipeline's writer whose S3 failures name the destination bucket ({@link BucketRequestException}). A command's
 * failure is reported with its own bucket, which for a pipeline is the source's: an upload the destination refused
 * read {@code access refused to bucket SOURCE}, sending the user to the wrong bucket's permissions. Only the writer's
 * calls are wrapped; the source's requests keep naming the source.
 */
final class DestinationRequests implements RecordWriter {

    private final RecordWriter writer;
    private final String bucket;

    /**
     * @param writer the writer storing into {@code bucket}
     * @param bucket the destination bucket
     */
    DestinationRequests(RecordWriter writer, String bucket) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public void write(Record record) {
        named(() -> writer.write(record));
    }

    @Override
    public void flush() {
        named(writer::flush);
    }

    @Override
    public void flushIfDue() {
        named(writer::flushIfDue);
    }

    @Override
    public void discard() {
        writer.discard();
    }

    @Override
    public void close() {
        named(writer::close);
    }

    private void named(Runnable call) {
        try {
            call.run();
        } catch (SdkException e) {
            throw new BucketRequestException(bucket, e);
        } catch (WriterFailedException e) {
            // A batch that failed on the flush timer's thread, reported at this call.
            if (e.getCause() instanceof SdkException cause) {
                throw new BucketRequestException(bucket, cause);
            }
            throw e;
        }
    }
}
