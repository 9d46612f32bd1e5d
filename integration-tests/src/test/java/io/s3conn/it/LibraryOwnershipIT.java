package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Record;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.destination.format.RecordFormats;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;
import io.s3conn.source.SourceProgress;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * README's "Using the libraries": closing an {@link S3Source} or an {@link S3BatchWriter} leaves the S3 client and the
 * database the caller's, to use on and to close.
 */
class LibraryOwnershipIT {

    private final TestBed bed = Fixtures.testBed();

    @Test
    void aClosedSourceLeavesItsClientAndDatabaseUsable() throws Exception {
        String bucket = Fixtures.newBucket("own-source");
        bed.put(bucket, "a", "1", null);
        try (S3Client s3 = S3Clients.create(Fixtures.connection()); Database database = Database.open(Fixtures.newSqliteUrl())) {
            try (S3Source source = new S3Source(s3, database, S3SourceConfiguration.of(bucket, "").withMode(SourceMode.SNAPSHOT)
                    .withSavedPosition("own-source"), Optional.empty(), Clock.systemUTC())) {
                List<Record> records = drain(source);
                source.commit(records.getLast().position());
            }

            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(1);
            assertThat(database.schemaVersion()).as("a read of the database after the source closed").isPositive();
        }
    }

    @Test
    void aClosedWriterLeavesItsClientUsable() {
        String bucket = Fixtures.newBucket("own-writer");
        try (S3Client s3 = S3Clients.create(Fixtures.connection())) {
            try (S3BatchWriter writer = new S3BatchWriter(s3, S3DestinationConfiguration.of(bucket, "out",
                    RecordFormats.of("json", Optional.empty())), batch -> { }, Clock.systemUTC())) {
                writer.flush();
            }

            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        }
    }

    private static List<Record> drain(S3Source source) throws InterruptedException {
        List<Record> records = new ArrayList<>();
        while (source.progress().phase() != SourceProgress.Phase.DONE) {
            records.addAll(source.poll(Duration.ofSeconds(1)));
        }
        return records;
    }
}
