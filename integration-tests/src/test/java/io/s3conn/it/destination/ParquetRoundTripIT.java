package io.s3conn.it.destination;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Payload;
import io.s3conn.core.record.Position;
import io.s3conn.core.record.Record;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.destination.format.parquet.ParquetFormat;
import io.s3conn.destination.s3.ObjectNamer;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.destination.StoredBatch;
import io.s3conn.it.Fixtures;
import io.s3conn.testbed.S3Server;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Parquet objects written to every S3 server ({@link Fixtures#servers()}), downloaded and read back by DuckDB,
 * an independent reader.
 */
class ParquetRoundTripIT {

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void snapshotCreateUpdateAndDeleteRecordsRoundTripThroughS3AndDuckDb(S3Server server) throws Exception {
        String bucket = Fixtures.newBucket(server, "dst-parquet");
        List<Record> records = List.of(
                record(1, Operation.SNAPSHOT, "日本/ünï code key", new Payload(Optional.empty(), Optional.of(new byte[] {0, -1, 0}))),
                record(2, Operation.CREATE, "empty payload", new Payload(Optional.empty(), Optional.of(new byte[0]))),
                record(3, Operation.UPDATE, "k", new Payload(Optional.of("old".getBytes()), Optional.of("new".getBytes()))),
                record(4, Operation.DELETE, "k", new Payload(Optional.of("old".getBytes()), Optional.empty())));
        List<StoredBatch> stored = new ArrayList<>();
        S3DestinationConfiguration config = new S3DestinationConfiguration(bucket, "p/", ObjectNamer.DEFAULT_TEMPLATE,
                new ParquetFormat(ParquetFormat.Codec.ZSTD), 100, 1 << 20, Duration.ofHours(1),
                S3DestinationConfiguration.DEFAULT_PART_SIZE, Optional.empty(), Optional.empty(), Optional.empty());

        try (S3Client s3 = S3Clients.create(Fixtures.connection(server)); S3BatchWriter writer = new S3BatchWriter(s3, config, stored::add, Clock.systemUTC())) {
            records.forEach(writer::write);
        }

        Path file = Files.createTempFile("batch", ".parquet");
        Files.write(file, server.client().getObjectAsBytes(b -> b.bucket(bucket).key(stored.getFirst().key())).asByteArray());
        List<String> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement query = duck.createStatement();
             ResultSet rs = query.executeQuery("SELECT operation, key, payload_before, payload_after, metadata['s3.key'] "
                     + "FROM read_parquet('" + file + "')")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + new String(rs.getBytes(2), StandardCharsets.UTF_8) + "|"
                        + hex(rs.getBytes(3)) + "|" + hex(rs.getBytes(4)) + "|" + rs.getString(5));
            }
        }
        assertThat(rows).containsExactly(
                "snapshot|日本/ünï code key|null|00ff00|日本/ünï code key",
                "create|empty payload|null||empty payload",
                "update|k|6f6c64|6e6577|k",
                "delete|k|6f6c64|null|k");
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "null" : java.util.HexFormat.of().formatHex(bytes);
    }

    private static Record record(int n, Operation operation, String key, Payload payload) {
        return Record.of(Position.of("s3conn:v1:cdc:1000:" + n), operation,
                Map.of(Metadata.OPENCDC_VERSION, "v1", Metadata.S3_KEY, key, Metadata.OPENCDC_CREATED_AT, "1795424524973000000"),
                key.getBytes(StandardCharsets.UTF_8), payload);
    }
}
