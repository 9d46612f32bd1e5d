package io.s3conn.app.config;

import java.util.Locale;
import java.util.Optional;

import io.s3conn.destination.format.RecordFormat;
import io.s3conn.destination.format.RecordFormats;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.destination.s3.ServerSideEncryption;

/** Where and how records are written, from the settings. */
public final class DestinationSettings {

    private DestinationSettings() {
    }

    /**
     * The destination's configuration.
     *
     * @param bucket the bucket written to ({@code bucket} for {@code destination write}, {@code destination-bucket} for a pipeline)
     * @param prefix the prefix of written objects
     * @throws ConfigurationException for a missing format or settings that do not fit together
     */
    public static S3DestinationConfiguration configuration(SettingValues values, String bucket, String prefix) {
        String format = values.require(Settings.FORMAT);
        Optional<String> kmsKeyId = values.find(Settings.SSE_KMS_KEY_ID);
        try {
            Optional<ServerSideEncryption> encryption = values.find(Settings.SSE).map(a -> new ServerSideEncryption(a, kmsKeyId));
            if (encryption.isEmpty() && kmsKeyId.isPresent()) {
                throw new ConfigurationException("sse-kms-key-id needs sse aws:kms");
            }
            RecordFormat recordFormat = RecordFormats.of(format,
                    values.find(Settings.COMPRESSION).map(c -> c.strip().toLowerCase(Locale.ROOT)));
            return new S3DestinationConfiguration(bucket, prefix, values.require(Settings.KEY_TEMPLATE), recordFormat,
                    values.require(Settings.BUFFER_SIZE), values.require(Settings.MAX_BATCH_BYTES),
                    values.require(Settings.FLUSH_INTERVAL), S3DestinationConfiguration.DEFAULT_PART_SIZE,
                    values.find(Settings.STORAGE_CLASS), encryption, values.find(Settings.ACL));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
