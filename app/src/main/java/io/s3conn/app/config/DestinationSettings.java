package io.s3conn.app.config;

import java.util.Locale;
import java.util.Optional;

import io.s3conn.destination.format.RecordFormat;
import io.s3conn.destination.format.RecordFormats;
import io.s3conn.destination.s3.ObjectNamer;
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
        // sse, acl and storage-class are checked as they are read (SettingType); what is left goes across settings.
        Optional<String> algorithm = values.find(Settings.SSE);
        if (kmsKeyId.isPresent() && !algorithm.map("aws:kms"::equals).orElse(false)) {
            throw values.invalid(Settings.SSE_KMS_KEY_ID, "a KMS key needs sse aws:kms");
        }
        Optional<ServerSideEncryption> encryption = algorithm.map(a -> new ServerSideEncryption(a, kmsKeyId));
        RecordFormat recordFormat;
        try {
            recordFormat = RecordFormats.of(format, values.find(Settings.COMPRESSION).map(c -> c.strip().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw values.refused(Settings.COMPRESSION, e);
        }
        String keyTemplate = values.require(Settings.KEY_TEMPLATE);
        try {
            ObjectNamer.validate(keyTemplate);
        } catch (IllegalArgumentException e) {
            throw values.invalid(Settings.KEY_TEMPLATE, e.getMessage());
        }
        try {
            return new S3DestinationConfiguration(bucket, prefix, keyTemplate, recordFormat,
                    values.require(Settings.BUFFER_SIZE), values.require(Settings.MAX_BATCH_BYTES),
                    values.require(Settings.FLUSH_INTERVAL), S3DestinationConfiguration.DEFAULT_PART_SIZE,
                    values.find(Settings.STORAGE_CLASS), encryption, values.find(Settings.ACL));
        } catch (IllegalArgumentException e) {
            // Names too long for S3 come from two settings, so no one source is named; the pointer to help still ends it.
            throw new ConfigurationException(e.getMessage() + values.hint());
        }
    }
}
