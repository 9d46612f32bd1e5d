package io.s3conn.kafka.connect.config;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.destination.format.RecordFormat;
import io.s3conn.destination.format.RecordFormats;
import io.s3conn.destination.s3.ObjectNamer;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.destination.s3.ServerSideEncryption;

/**
 * The S3 sink connector's settings: the connection and what {@code s3conn destination write} takes, with one
 * difference: {@code flush-interval} is measured in record time (Kafka record timestamps), never by the wall
 * clock, so that a batch written again after a crash is cut where it was cut the first time.
 */
public final class SinkConfig extends AbstractConfig {

    public static final String FORMAT = "format";
    public static final String COMPRESSION = "compression";
    public static final String KEY_TEMPLATE = "key-template";
    public static final String BUFFER_SIZE = "buffer-size";
    public static final String MAX_BATCH_BYTES = "max-batch-bytes";
    public static final String FLUSH_INTERVAL = "flush-interval";
    public static final String STORAGE_CLASS = "storage-class";
    public static final String SSE = "sse";
    public static final String SSE_KMS_KEY_ID = "sse-kms-key-id";
    public static final String ACL = "acl";

    /** The definition, as the worker shows and validates it. */
    public static final ConfigDef DEFINITION = define();

    /** Parses and validates {@code props}; logs the values as {@link LoggedValues} does. */
    public SinkConfig(Map<String, String> props) {
        super(DEFINITION, props, false);
        LoggedValues.log(this);
    }

    private static ConfigDef define() {
        String group = "Destination";
        int order = 0;
        return ConnectionConfig.define(new ConfigDef())
                .define(FORMAT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Settings.whenGiven(Settings.oneOfWords(RecordFormats.NAMES.toArray(String[]::new))),
                        Importance.HIGH, "json (JSON lines of OpenCDC records) or parquet.", group, ++order,
                        ConfigDef.Width.SHORT, "Format")
                .define(COMPRESSION, Type.STRING, "", SinkConfig::validateCompression, Importance.MEDIUM,
                        "json: none (default) or gzip; parquet: snappy (default), zstd, gzip or none.", group, ++order,
                        ConfigDef.Width.SHORT, "Compression")
                .define(KEY_TEMPLATE, Type.STRING, ObjectNamer.DEFAULT_TEMPLATE, SinkConfig::validateTemplate, Importance.MEDIUM,
                        "Object names after prefix; placeholders {yyyy} {MM} {dd} {HH} (the first record's time) {id} (from "
                                + "topic, partition and first offset) {ext}.", group, ++order, ConfigDef.Width.LONG, "Key template")
                .define(BUFFER_SIZE, Type.INT, 1000, Settings.whenGiven(ConfigDef.Range.atLeast(1)), Importance.MEDIUM,
                        "Records per object at most.", group, ++order, ConfigDef.Width.SHORT, "Buffer size")
                .define(MAX_BATCH_BYTES, Type.LONG, 64L * 1024 * 1024, Settings.whenGiven(ConfigDef.Range.atLeast(1)), Importance.LOW,
                        "Encoded bytes per object at most.", group, ++order, ConfigDef.Width.SHORT, "Max batch bytes")
                // As the CLI's flush-interval: a negative one passed validation, then failed the connector as it started.
                .define(FLUSH_INTERVAL, Type.STRING, "5s", Settings.nonNegativeDuration(), Importance.MEDIUM,
                        "An object holds records whose timestamps lie within this much of its first record's: record "
                                + "time, not the wall clock. A partition's last batch is stored once a later record "
                                + "arrives that falls outside it (or fills it).", group, ++order, ConfigDef.Width.SHORT,
                        "Flush interval")
                .define(STORAGE_CLASS, Type.STRING, "", named(S3DestinationConfiguration::storageClass,
                        S3DestinationConfiguration.STORAGE_CLASS_RULE), Importance.LOW,
                        "Storage class of written objects as S3 names it, in any case: STANDARD_IA, GLACIER_IR, ..., or a server's own class in upper case (default: the bucket's).",
                        group, ++order, ConfigDef.Width.SHORT, "Storage class")
                .define(SSE, Type.STRING, "", named(ServerSideEncryption::algorithm, ServerSideEncryption.ALGORITHM_RULE),
                        Importance.LOW, "Server-side encryption: AES256 or aws:kms, in any case (default: the bucket's).", group, ++order,
                        ConfigDef.Width.SHORT, "SSE")
                .define(SSE_KMS_KEY_ID, Type.STRING, "", Importance.LOW, "KMS key for sse aws:kms.", group, ++order,
                        ConfigDef.Width.MEDIUM, "SSE KMS key")
                .define(ACL, Type.STRING, "", named(S3DestinationConfiguration::acl, S3DestinationConfiguration.ACL_RULE), Importance.LOW, "Canned ACL of written objects, e.g. private (default: none sent).",
                        group, ++order, ConfigDef.Width.SHORT, "ACL");
    }

    private static void validateTemplate(String name, Object value) {
        if (value == null) {
            return; // given as null: NullSettings reports it
        }
        try {
            ObjectNamer.validate((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    /**
     * Accepts the words {@code rule} names (storage classes, encryption algorithms, canned ACLs), by the rules
     * {@code s3conn destination write} applies: a misspelt one is refused when the connector is created, not by the
     * first upload of every task. The configuration keeps the text; {@link S3DestinationConfiguration} spells it as S3 does.
     */
    private static ConfigDef.Validator named(Function<String, Optional<String>> rule, String requirement) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (Settings.given(value) && rule.apply((String) value).isEmpty()) {
                    throw new ConfigException(name, value, requirement);
                }
            }

            @Override
            public String toString() {
                return requirement.replaceFirst("^must be ", "");
            }
        };
    }

    public S3ConnectionSettings connection() {
        return ConnectionConfig.settings(this);
    }

    public String bucket() {
        return ConnectionConfig.bucket(this);
    }

    /**
     * Refuses a compression no format takes, whatever the format: with the format unknown too, each gets its error in
     * one validation. Whether the format given takes it is told by {@link #format()}, once the format is known.
     */
    private static void validateCompression(String name, Object value) {
        if (!Settings.given(value)) {
            return;
        }
        Set<String> refusals = new LinkedHashSet<>();
        String compression = ((String) value).toLowerCase(Locale.ROOT);
        for (String format : RecordFormats.NAMES) {
            try {
                RecordFormats.of(format, Optional.of(compression));
                return;
            } catch (IllegalArgumentException e) {
                // Connect's line already quotes the value once ("Invalid value lz5 for configuration compression").
                refusals.add(e.getMessage().replace(", was: " + compression, ""));
            }
        }
        throw new ConfigException(name, value, "no format takes it: " + String.join("; ", refusals));
    }

    /** The format with its compression; a compression the format does not know is a {@link SettingConflict}. */
    public RecordFormat format() {
        try {
            return RecordFormats.of(getString(FORMAT).toLowerCase(Locale.ROOT), optional(COMPRESSION).map(c -> c.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new SettingConflict(COMPRESSION, getString(COMPRESSION), e.getMessage());
        }
    }

    /**
     * The writer's configuration; its flush interval is applied to record time by the sink. Settings that do not go
     * together are a {@link SettingConflict}.
     */
    public S3DestinationConfiguration destination() {
        if (optional(SSE_KMS_KEY_ID).isPresent() && !optional(SSE).flatMap(ServerSideEncryption::algorithm).equals(Optional.of("aws:kms"))) {
            throw new SettingConflict(SSE_KMS_KEY_ID, SSE_KMS_KEY_ID + " needs " + SSE + " aws:kms");
        }
        Optional<ServerSideEncryption> encryption = optional(SSE).map(a -> new ServerSideEncryption(a, optional(SSE_KMS_KEY_ID)));
        return new S3DestinationConfiguration(bucket(), ConnectionConfig.prefix(this), getString(KEY_TEMPLATE), format(),
                getInt(BUFFER_SIZE), getLong(MAX_BATCH_BYTES), Settings.duration(getString(FLUSH_INTERVAL)),
                S3DestinationConfiguration.DEFAULT_PART_SIZE, optional(STORAGE_CLASS), encryption, optional(ACL));
    }

    private Optional<String> optional(String name) {
        String value = getString(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
