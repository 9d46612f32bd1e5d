package io.s3conn.destination.format.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Record;
import io.s3conn.destination.format.RecordEncoder;
import io.s3conn.destination.format.RecordFormat;

/**
 * Batches as Apache Parquet files, one file per batch, one row per record, in the columns of
 * {@link #SCHEMA}: the OpenCDC fields as they are (raw bytes stay raw bytes, an absent payload side
 * is {@code null}, an empty one is zero bytes), plus {@code created_at}, the record's
 * {@code opencdc.createdAt} as a timestamp so query engines can filter and partition on it.
 *
 * <p>Written with parquet-java but without Hadoop: the file goes through an {@code OutputFile} over
 * the caller's stream, and pages are compressed by snappy-java, zstd-jni or {@code java.util.zip} directly.
 */
public final class ParquetFormat implements RecordFormat {

    /**
     * The columns of every file.
     *
     * <pre>
     * message opencdc_record {
     *   required binary operation (STRING);      -- snapshot, create, update or delete
     *   required binary position;
     *   required binary key;
     *   required group metadata (MAP) {
     *     repeated group key_value {
     *       required binary key (STRING);
     *       optional binary value (STRING);
     *     }
     *   }
     *   optional binary payload_before;
     *   optional binary payload_after;
     *   optional int64 created_at (TIMESTAMP(MICROS,true));
     * }
     * </pre>
     *
     * {@code created_at} is in microseconds, not the nanoseconds of {@code opencdc.createdAt}, because
     * several engines (Hive, older Spark, Athena) cannot read nanosecond timestamps; the exact value is
     * still in {@code metadata}. It is {@code null} when the record has no such metadata or it is not a number.
     */
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message opencdc_record {
              required binary operation (STRING);
              required binary position;
              required binary key;
              required group metadata (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  optional binary value (STRING);
                }
              }
              optional binary payload_before;
              optional binary payload_after;
              optional int64 created_at (TIMESTAMP(MICROS,true));
            }
            """);

    /**
     * How data pages are compressed.
     */
    public enum Codec {
        /** Fast, moderate ratio; what most Parquet writers default to. */
        SNAPPY(CompressionCodecName.SNAPPY),
        /** Better ratio than Snappy at similar speed (level 3). */
        ZSTD(CompressionCodecName.ZSTD),
        /** For readers that know nothing newer; slow. */
        GZIP(CompressionCodecName.GZIP),
        /** No compression, e.g. for payloads that are compressed already. */
        UNCOMPRESSED(CompressionCodecName.UNCOMPRESSED);

        private final CompressionCodecName parquetName;

        Codec(CompressionCodecName parquetName) {
            this.parquetName = parquetName;
        }

        /**
         * The codec of a configuration value such as {@code zstd} (case does not matter; {@code none} means
         * {@link #UNCOMPRESSED}).
         *
         * @throws IllegalArgumentException for any other name
         */
        public static Codec parse(String name) {
            String normalized = name.trim().toUpperCase(Locale.ROOT);
            if (normalized.equals("NONE")) {
                return UNCOMPRESSED;
            }
            for (Codec codec : values()) {
                if (codec.name().equals(normalized)) {
                    return codec;
                }
            }
            throw new IllegalArgumentException("must be snappy, zstd, gzip or none with format parquet, was: " + name);
        }
    }

    /**
     * Rows are buffered in memory until a row group is full, so this bounds the memory a batch takes
     * besides its records. Smaller than parquet-java's 128 MiB because several batches may be open at once.
     */
    private static final long ROW_GROUP_BYTES = 64L * 1024 * 1024;

    /** {@code ParquetWriter.Builder.withConf(ParquetConfiguration)}; see {@link #withPlainConfiguration}. */
    private static final MethodHandle WITH_CONF;

    static {
        try {
            WITH_CONF = MethodHandles.publicLookup().findVirtual(ParquetWriter.Builder.class, "withConf",
                    MethodType.methodType(ParquetWriter.Builder.class, ParquetConfiguration.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Codec codec;

    /** Parquet with Snappy compression. */
    public ParquetFormat() {
        this(Codec.SNAPPY);
    }

    /** Parquet with the given compression. */
    public ParquetFormat(Codec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The compression of the files this format writes. */
    public Codec codec() {
        return codec;
    }

    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public String contentType() {
        return "application/vnd.apache.parquet";
    }

    @Override
    public RecordEncoder open(OutputStream out) throws IOException {
        return open(out, ROW_GROUP_BYTES);
    }

    /** Row groups of at most {@code memoryBytes} (and {@link #ROW_GROUP_BYTES}), the rows Parquet holds in memory. */
    @Override
    public RecordEncoder open(OutputStream out, long memoryBytes) throws IOException {
        StreamOutputFile file = new StreamOutputFile(Objects.requireNonNull(out, "out"));
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder()
                // builder(OutputFile) would not compile without Hadoop: javac needs its overload builder(Path) resolved.
                .withFile(file)
                .withType(SCHEMA)
                .withCodecFactory(new WriteOnlyCodecs())
                .withCompressionCodec(codec.parquetName)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withRowGroupSize(Math.max(1, Math.min(memoryBytes, ROW_GROUP_BYTES)))
                // Payloads can be megabytes each: check the buffered size after every row, not only after
                // the first 100, or a row group could grow far past ROW_GROUP_BYTES before it is flushed.
                .withMinRowCountForPageSizeCheck(1)
                // Payloads rarely repeat, so a dictionary would only be built to be thrown away, and min/max
                // statistics of opaque bytes help no query.
                .withDictionaryEncoding("payload_before", false)
                .withDictionaryEncoding("payload_after", false)
                .withStatisticsEnabled("payload_before", false)
                .withStatisticsEnabled("payload_after", false);
        withPlainConfiguration(builder);
        return new Encoder(builder.build(), file);
    }

    /**
     * Gives the builder a configuration of its own; without one, {@code build()} creates a Hadoop one. The
     * call goes through a method handle because {@code withConf} is overloaded with a Hadoop
     * {@code Configuration} parameter, and javac cannot choose between overloads without that class.
     */
    private static void withPlainConfiguration(ParquetWriter.Builder<?, ?> builder) throws IOException {
        try {
            WITH_CONF.invoke(builder, (ParquetConfiguration) new PlainParquetConfiguration());
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "parquet (" + codec.name().toLowerCase(Locale.ROOT) + ")";
    }

    /** The row of a record. */
    static Group row(Record record) {
        Group row = new SimpleGroup(SCHEMA);
        row.add("operation", record.operation().wireName());
        row.add("position", Binary.fromConstantByteArray(record.position().bytes()));
        row.add("key", Binary.fromConstantByteArray(record.key()));
        Group metadata = row.addGroup("metadata");
        for (Map.Entry<String, String> entry : record.metadata().entrySet()) {
            Group pair = metadata.addGroup("key_value");
            pair.add("key", entry.getKey());
            if (entry.getValue() != null) {
                pair.add("value", entry.getValue());
            }
        }
        record.payload().before().ifPresent(bytes -> row.add("payload_before", Binary.fromConstantByteArray(bytes)));
        record.payload().after().ifPresent(bytes -> row.add("payload_after", Binary.fromConstantByteArray(bytes)));
        createdAtMicros(record).ifPresent(micros -> row.add("created_at", micros));
        return row;
    }

    private static Optional<Long> createdAtMicros(Record record) {
        String nanos = record.metadata().get(Metadata.OPENCDC_CREATED_AT);
        if (nanos == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Math.floorDiv(Long.parseLong(nanos.trim()), 1000L));
        } catch (NumberFormatException e) {
            // A convenience column must not fail the batch; the raw value is still in metadata.
            return Optional.empty();
        }
    }

    private static final class Encoder implements RecordEncoder {

        private final ParquetWriter<Group> writer;
        private final StreamOutputFile file;
        private boolean closed;

        Encoder(ParquetWriter<Group> writer, StreamOutputFile file) {
            this.writer = writer;
            this.file = file;
        }

        @Override
        public void write(Record record) throws IOException {
            if (closed) {
                throw new IllegalStateException("the Parquet file is finished");
            }
            writer.write(row(record));
        }

        /**
         * The data size Parquet reports (the row groups written and the one in progress) less what reached the stream:
         * the row group in progress, which would otherwise be counted only once written, a whole row group late.
         */
        @Override
        public long bufferedBytes() {
            return closed ? 0 : Math.max(0, writer.getDataSize() - file.written());
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                writer.close();
            }
        }
    }
}
