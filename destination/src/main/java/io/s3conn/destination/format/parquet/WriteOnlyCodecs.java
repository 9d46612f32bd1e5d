package io.s3conn.destination.format.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import com.github.luben.zstd.Zstd;

/**
 * Page compressors that call snappy-java, zstd-jni and {@code java.util.zip} directly. parquet-java's
 * own {@code CodecFactory} goes through Hadoop's {@code CompressionCodec} classes, so using it would
 * put hadoop-common on the class path for nothing; the page formats are the plain ones (raw Snappy
 * blocks, a zstd frame, a gzip member), which every Parquet reader expects. Only writing is needed.
 */
final class WriteOnlyCodecs implements CompressionCodecFactory {

    /** parquet-java's and zstd's own default level: a good ratio at well over 100 MB/s. */
    private static final int ZSTD_LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) {
                    return bytes;
                }
            };
            case SNAPPY -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return BytesInput.from(Snappy.compress(bytes.toByteArray()));
                }
            };
            case ZSTD -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return BytesInput.from(Zstd.compress(bytes.toByteArray(), ZSTD_LEVEL));
                }
            };
            case GZIP -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
                    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
                        bytes.writeAllTo(gzip);
                    }
                    return BytesInput.from(compressed.toByteArray());
                }
            };
            default -> throw new IllegalArgumentException("unsupported Parquet codec " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("s3conn only writes Parquet; reading needs a full codec factory");
    }

    @Override
    public void release() {
        // Nothing pooled: each call allocates what it needs.
    }

    private abstract static class Compressor implements BytesInputCompressor {

        private final CompressionCodecName codec;

        Compressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }
}
