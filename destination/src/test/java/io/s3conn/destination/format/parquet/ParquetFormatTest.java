package io.s3conn.destination.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Payload;
import io.s3conn.core.record.Position;
import io.s3conn.core.record.Record;
import io.s3conn.destination.format.RecordEncoder;
import io.s3conn.destination.format.parquet.ParquetFormat.Codec;

/**
 * Writes batches and reads them back with DuckDB, a Parquet implementation (C++) that shares no code
 * with the writer; parquet-java only parses the footer, to check the schema and codecs exactly.
 */
class ParquetFormatTest {

    /** 2026-11-23T09:15:30.123456789Z */
    private static final long CREATED_AT_NANOS = 1_795_425_330_123_456_789L;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Codec.class)
    void duckDbReadsBackEveryFieldOfEveryRecordWithEachCodec(Codec codec) throws Exception {
        List<Record> records = sampleRecords();

        Path file = write(new ParquetFormat(codec), records);

        assertThat(readWithDuckDb(file)).containsExactlyElementsOf(records);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void everyColumnChunkIsCompressedWithTheChosenCodec(Codec codec) throws Exception {
        Path file = write(new ParquetFormat(codec), sampleRecords());

        assertThat(footer(file).getBlocks()).flatMap(BlockMetaData::getColumns)
                .extracting(ColumnChunkMetaData::getCodec)
                .containsOnly(CompressionCodecName.valueOf(codec.name()));
    }

    @Test
    void snappyIsTheDefaultCodec() {
        assertThat(new ParquetFormat().codec()).isEqualTo(Codec.SNAPPY);
    }

    @Test
    void absentAndEmptyPayloadsStayDistinguishable() throws Exception {
        Record absent = record(Operation.DELETE, "a", Map.of(), new Payload(Optional.empty(), Optional.empty()));
        Record empty = record(Operation.CREATE, "b", Map.of(), new Payload(Optional.of(new byte[0]), Optional.of(new byte[0])));
        Path file = write(new ParquetFormat(), List.of(absent, empty));

        List<String> rows = queryDuckDb("SELECT payload_before IS NULL, octet_length(payload_before), "
                + "payload_after IS NULL, octet_length(payload_after) FROM " + scan(file) + " ORDER BY file_row_number");

        assertThat(rows).containsExactly("true|null|true|null", "false|0|false|0");
    }

    @Test
    void createdAtIsAUtcMicrosecondTimestampTakenFromTheMetadata() throws Exception {
        Path file = write(new ParquetFormat(), List.of(record(Operation.CREATE, "k",
                Map.of(Metadata.OPENCDC_CREATED_AT, Long.toString(CREATED_AT_NANOS)), Payload.after(new byte[] {1}))));

        List<String> rows = queryDuckDb("SELECT typeof(created_at), epoch_us(created_at), "
                + "strftime(created_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%f') FROM " + scan(file));

        assertThat(rows).containsExactly("TIMESTAMP WITH TIME ZONE|1795425330123456|2026-11-23T09:15:30.123456");
    }

    @Test
    void createdAtIsNullWhenTheMetadataHasNoneOrItIsNotANumber() throws Exception {
        Path file = write(new ParquetFormat(), List.of(
                record(Operation.CREATE, "none", Map.of(), Payload.EMPTY),
                record(Operation.CREATE, "garbage", Map.of(Metadata.OPENCDC_CREATED_AT, "yesterday"), Payload.EMPTY)));

        assertThat(queryDuckDb("SELECT created_at IS NULL FROM " + scan(file))).containsExactly("true", "true");
    }

    @Test
    void theFileDeclaresTheDocumentedSchema() throws Exception {
        Path file = write(new ParquetFormat(), sampleRecords());

        MessageType schema = footer(file).getFileMetaData().getSchema();

        assertThat(schema).isEqualTo(ParquetFormat.SCHEMA);
        assertThat(schema.toString()).contains("required group metadata (MAP)", "optional int64 created_at (TIMESTAMP(MICROS,true))");
    }

    @Test
    void duckDbSeesTheColumnsWithTheirIntendedTypes() throws Exception {
        Path file = write(new ParquetFormat(), sampleRecords());

        List<String> columns = queryDuckDb("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('" + file + "'))");

        assertThat(columns).containsExactly(
                "operation|VARCHAR",
                "position|BLOB",
                "key|BLOB",
                "metadata|MAP(VARCHAR, VARCHAR)",
                "payload_before|BLOB",
                "payload_after|BLOB",
                "created_at|TIMESTAMP WITH TIME ZONE");
    }

    @Test
    void aBatchWithoutRecordsIsStillAReadableFile() throws Exception {
        Path file = write(new ParquetFormat(), List.of());

        assertThat(queryDuckDb("SELECT count(*) FROM " + scan(file))).containsExactly("0");
    }

    @Test
    void largePayloadsAreSplitIntoSeveralRowGroupsAndAllReadBack() throws Exception {
        Random random = new Random(42);
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            byte[] payload = new byte[1024 * 1024];
            random.nextBytes(payload);
            records.add(record(Operation.CREATE, "big/" + i, Map.of(), Payload.after(payload)));
        }

        Path file = write(new ParquetFormat(Codec.UNCOMPRESSED), records);

        assertThat(footer(file).getBlocks()).hasSizeGreaterThan(1);
        assertThat(readWithDuckDb(file)).containsExactlyElementsOf(records);
    }

    @Test
    void closingTheEncoderLeavesTheCallersStreamOpen() throws Exception {
        CloseTracking out = new CloseTracking(new ByteArrayOutputStream());

        try (RecordEncoder encoder = new ParquetFormat().open(out)) {
            encoder.write(sampleRecords().getFirst());
        }

        assertThat(out.closed).isFalse();
    }

    @Test
    void theFileIsEverythingWrittenToTheStreamFromMagicToMagic() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (RecordEncoder encoder = new ParquetFormat().open(out)) {
            encoder.write(sampleRecords().getFirst());
        }

        byte[] bytes = out.toByteArray();
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    }

    @Test
    void writingAfterCloseIsRefused() throws Exception {
        RecordEncoder encoder = new ParquetFormat().open(new ByteArrayOutputStream());
        encoder.close();

        assertThatThrownBy(() -> encoder.write(sampleRecords().getFirst())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writingNeedsNoHadoopOnTheClassPath() throws Exception {
        write(new ParquetFormat(Codec.GZIP), sampleRecords());

        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theExtensionIsParquetAndTheContentTypeIsTheRegisteredOne() {
        ParquetFormat format = new ParquetFormat();

        assertThat(format.extension()).isEqualTo("parquet");
        assertThat(format.contentType()).isEqualTo("application/vnd.apache.parquet");
    }

    @Test
    void codecNamesFromConfigurationAreParsedIgnoringCase() {
        assertThat(Codec.parse("zstd")).isEqualTo(Codec.ZSTD);
        assertThat(Codec.parse(" Snappy ")).isEqualTo(Codec.SNAPPY);
        assertThat(Codec.parse("none")).isEqualTo(Codec.UNCOMPRESSED);
        assertThatThrownBy(() -> Codec.parse("lzo")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lzo")
                .hasMessageContaining("snappy, zstd, gzip or none");
    }

    /** One record of each operation, with the byte values and payload shapes that are easy to get wrong. */
    private static List<Record> sampleRecords() {
        Map<String, String> snapshotMetadata = new TreeMap<>();
        snapshotMetadata.put(Metadata.OPENCDC_VERSION, Metadata.OPENCDC_VERSION_V1);
        snapshotMetadata.put(Metadata.OPENCDC_CREATED_AT, Long.toString(CREATED_AT_NANOS));
        snapshotMetadata.put(Metadata.OPENCDC_COLLECTION, "bücket");
        snapshotMetadata.put(Metadata.S3_USER_METADATA_PREFIX + "note", "日本語 ✓");
        snapshotMetadata.put(Metadata.S3_USER_METADATA_PREFIX + "empty", "");
        return List.of(
                record(Operation.SNAPSHOT, "photos/été/日本 🌸.jpg", snapshotMetadata,
                        Payload.after(new byte[] {0x00, (byte) 0xFF, 0x7F, (byte) 0x80, 0x00, (byte) 0xFF})),
                record(Operation.CREATE, "empty-object", Map.of(Metadata.OPENCDC_CREATED_AT, "1"),
                        new Payload(Optional.empty(), Optional.of(new byte[0]))),
                record(Operation.UPDATE, "docs/a.txt", Map.of(Metadata.OPENCDC_VERSION, "v1"),
                        new Payload(Optional.of("old\u0000".getBytes(StandardCharsets.UTF_8)),
                                Optional.of(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00}))),
                record(Operation.DELETE, "docs/gone.bin", Map.of(),
                        new Payload(Optional.of(new byte[] {(byte) 0xFF}), Optional.empty())),
                record(Operation.CREATE, "", Map.of(), Payload.EMPTY));
    }

    private static Record record(Operation operation, String key, Map<String, String> metadata, Payload payload) {
        return Record.of(Position.of("pos:" + operation.wireName() + ":" + key), operation, metadata,
                key.getBytes(StandardCharsets.UTF_8), payload);
    }

    private Path write(ParquetFormat format, List<Record> records) throws IOException {
        Path file = Files.createTempFile(dir, "batch", "." + format.extension());
        try (OutputStream out = Files.newOutputStream(file)) {
            try (RecordEncoder encoder = format.open(out)) {
                for (Record record : records) {
                    encoder.write(record);
                }
            }
        }
        return file;
    }

    private static String scan(Path file) {
        return "read_parquet('" + file + "', file_row_number = true)";
    }

    private static List<Record> readWithDuckDb(Path file) throws SQLException {
        List<Record> records = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT operation, position, key, map_keys(metadata), map_values(metadata), "
                     + "payload_before, payload_after FROM " + scan(file) + " ORDER BY file_row_number")) {
            while (rows.next()) {
                Map<String, String> metadata = new TreeMap<>();
                Object[] keys = (Object[]) rows.getArray(4).getArray();
                Object[] values = (Object[]) rows.getArray(5).getArray();
                for (int i = 0; i < keys.length; i++) {
                    metadata.put((String) keys[i], (String) values[i]);
                }
                records.add(Record.of(new Position(rows.getBytes(2)), Operation.fromWireName(rows.getString(1)), metadata,
                        rows.getBytes(3), new Payload(Optional.ofNullable(rows.getBytes(6)), Optional.ofNullable(rows.getBytes(7)))));
            }
        }
        return records;
    }

    /** Each row's columns joined by {@code |}, SQL NULL as {@code null}. */
    private static List<String> queryDuckDb(String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rows.getObject(i)));
                }
                result.add(String.join("|", row));
            }
        }
        return result;
    }

    /**
     * The file's footer as parquet-java parses it. Not through {@code ParquetFileReader}: its read options
     * always build Hadoop's codec factory, and this module has no Hadoop.
     */
    private static ParquetMetadata footer(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = bytes.length - 8 - footerLength;
        return new ParquetMetadataConverter().readParquetMetadata(new ByteArrayInputStream(bytes, footerStart, footerLength));
    }

    private static final class CloseTracking extends FilterOutputStream {

        boolean closed;

        CloseTracking(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
