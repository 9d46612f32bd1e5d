package io.s3conn.kafka.connect.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;
import io.s3conn.source.content.ContentMode;

/**
 * The S3 source connector's settings: the connection, what {@code s3conn source read} takes ({@code mode},
 * {@code polling-period}, {@code content}, {@code max-payload-bytes}, {@code read-ahead}), the topic, and where
 * tasks keep their state: files under {@code state-dir}, or the {@code database} (a password type, so that the
 * worker logs it hidden: the URL may hold one).
 */
public final class SourceConfig extends AbstractConfig {

    public static final String TOPIC = "topic";
    public static final String MODE = "mode";
    public static final String POLLING_PERIOD = "polling-period";
    public static final String CONTENT = "content";
    public static final String MAX_PAYLOAD_BYTES = "max-payload-bytes";
    public static final String READ_AHEAD = "read-ahead";
    public static final String STATE_DIR = "state-dir";
    public static final String DATABASE = "database";
    /** Refused when true: see {@link #define()}. */
    public static final String RESTORE_ARCHIVED = "restore-archived";
    /** Refused when given: see {@link #define()}. */
    public static final String NOTIFICATIONS = "notifications";
    /** Refused when given, as {@link #NOTIFICATIONS}. */
    public static final String RECONCILE_EVERY = "reconcile-every";

    /** Connect's prefix of the settings of a source connector's producer. */
    private static final String PRODUCER_OVERRIDE = "producer.override.";
    /** What a record holds besides the payload: the object key twice, its metadata, the JSON converter's schema. */
    private static final int RECORD_HEADROOM = 64 * 1024;

    /** Why {@link #NOTIFICATIONS} and {@link #RECONCILE_EVERY} are refused. */
    private static final String NO_NOTIFICATIONS = "not supported by the Kafka Connect source: its tasks find changes "
            + "by listing their key ranges every polling-period (one queue cannot be shared out by key range); "
            + "use s3conn source read or pipeline run --notifications";

    /** The definition, as the worker shows and validates it. */
    public static final ConfigDef DEFINITION = define();

    /** Parses and validates {@code props}; logs the values as {@link LoggedValues} does. */
    public SourceConfig(Map<String, String> props) {
        super(DEFINITION, props, false);
        LoggedValues.log(this);
    }

    /**
     * s3conn settings the connector has no use for are refused, not ignored: {@code restore-archived} would quietly
     * emit archived objects without payload, and {@code notifications} would quietly list every polling-period
     * instead of reading the queue. Waiting restores would live in a task's state file, which a task moved to
     * another worker leaves behind (unless {@code state-dir} is shared), so those objects would never be emitted.
     */
    private static ConfigDef define() {
        String group = "Source";
        int order = 0;
        return ConnectionConfig.define(new ConfigDef())
                .define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.CompositeValidator.of(new ConfigDef.NonEmptyStringWithoutControlChars(), Settings.topicName()),
                        Importance.HIGH, "The topic records go to.", group, ++order, ConfigDef.Width.MEDIUM, "Topic")
                .define(MODE, Type.STRING, "all", Settings.oneOf(SourceMode.class), Importance.MEDIUM,
                        "snapshot, cdc or all (the snapshot, then changes).", group, ++order, ConfigDef.Width.SHORT, "Mode")
                // As the CLI's polling-period: 0s was accepted, and each task listed its range without pause.
                .define(POLLING_PERIOD, Type.STRING, "1s", Settings.durationAtLeast(Duration.ofMillis(100),
                                "each poll lists the task's key range; shorter polls without pause, a CPU busy the whole time"),
                        Importance.MEDIUM, "Pause between CDC listings of a task's key range, at least 100ms.", group, ++order, ConfigDef.Width.SHORT, "Polling period")
                .define(CONTENT, Type.STRING, "inline", Settings.oneOf(ContentMode.class), Importance.MEDIUM,
                        "inline (the object's bytes in payload.after) or none (metadata only).", group, ++order,
                        ConfigDef.Width.SHORT, "Content")
                .define(MAX_PAYLOAD_BYTES, Type.LONG, null, Settings.whenGiven(ConfigDef.Range.atLeast(0)),
                        Importance.LOW, "Objects larger than this are records without payload, never downloaded. Not "
                                + "given: the largest whose record fits the producer's max.request.size (1 MiB, or "
                                + "producer.override.max.request.size): 720 KiB by default.",
                        group, ++order, ConfigDef.Width.SHORT, "Max payload bytes")
                .define(READ_AHEAD, Type.INT, 8, Settings.whenGiven(ConfigDef.Range.between(1, 256)), Importance.LOW,
                        "Objects each task reads concurrently ahead of the one it emits.", group, ++order,
                        ConfigDef.Width.SHORT, "Read ahead")
                // Empty, it was the worker's working directory, a different one on each worker (and not writable in
                // many containers), without a word.
                .define(STATE_DIR, Type.STRING, Path.of(System.getProperty("java.io.tmpdir"), "s3conn-kafka-connect").toString(),
                        Settings.whenGiven(Settings.unsupported(value -> ((String) value).isBlank(),
                                "must not be empty: leave it out for the default, a directory under the worker's java.io.tmpdir")),
                        Importance.MEDIUM, "Directory of the tasks' state files (what each key range emitted, for change "
                                + "detection). Tasks resume from Connect's offsets; a state file that does not match them is "
                                + "dropped. On a volume all workers share, a task moved to another worker keeps its state. "
                                + "Not used with database.",
                        group, ++order, ConfigDef.Width.LONG, "State directory")
                .define(DATABASE, Type.PASSWORD, "", Settings.databaseUrl(), Importance.MEDIUM,
                        "Database every task keeps its state in instead of state-dir, as s3conn's database setting: "
                                + "jdbc:postgresql://HOST/DB?user=..&password=.. (or jdbc:sqlite:FILE). Shared by all "
                                + "workers, a task moved to another worker keeps its state. Empty: state-dir.",
                        group, ++order, ConfigDef.Width.LONG, "Database")
                .define(RESTORE_ARCHIVED, Type.BOOLEAN, false, Settings.unsupported(Boolean.TRUE::equals,
                                "not supported by the Kafka Connect source: waiting restores would be lost when a task "
                                        + "moves to another worker; use s3conn source read or pipeline run --restore-archived"),
                        Importance.LOW, "Not supported by this connector (s3conn source read and pipeline run have it): "
                                + "archived objects are records without payload, with their restore status.",
                        group, ++order, ConfigDef.Width.SHORT, "Restore archived objects")
                .define(NOTIFICATIONS, Type.STRING, "", Settings.unsupported(Settings::given, NO_NOTIFICATIONS),
                        Importance.LOW, "Not supported by this connector (s3conn source read and pipeline run have it): "
                                + "tasks find changes by listing.", group, ++order, ConfigDef.Width.SHORT, "Notifications")
                .define(RECONCILE_EVERY, Type.STRING, "", Settings.unsupported(Settings::given, NO_NOTIFICATIONS),
                        Importance.LOW, "Not supported by this connector, as notifications.", group, ++order,
                        ConfigDef.Width.SHORT, "Reconcile every");
    }

    public S3ConnectionSettings connection() {
        return ConnectionConfig.settings(this);
    }

    public String bucket() {
        return ConnectionConfig.bucket(this);
    }

    public String prefix() {
        return ConnectionConfig.prefix(this);
    }

    public String topic() {
        return getString(TOPIC);
    }

    public Path stateDir() {
        return Path.of(getString(STATE_DIR));
    }

    /** The JDBC URL of the database tasks keep their state in; empty: files under {@link #stateDir()}. */
    public Optional<String> database() {
        Password url = getPassword(DATABASE);
        return url == null || url.value().isEmpty() ? Optional.empty() : Optional.of(url.value());
    }

    /**
     * The source's configuration, over every key of the prefix; positions are saved, so that a task can tell
     * whether its state file matches Connect's offsets.
     *
     * @param stateName the name the state is kept under
     */
    public S3SourceConfiguration source(String stateName) {
        return S3SourceConfiguration.of(bucket(), prefix())
                .withMode(Settings.enumValue(SourceMode.class, MODE, getString(MODE)))
                .withPollingPeriod(Settings.duration(getString(POLLING_PERIOD)))
                .withContent(Settings.enumValue(ContentMode.class, CONTENT, getString(CONTENT)))
                .withMaxPayloadBytes(maxPayloadBytes()).withReadAhead(getInt(READ_AHEAD)).withSavedPosition(stateName);
    }

    /**
     * {@code max-payload-bytes} when given; else the largest payload whose record the task's producer sends: a record
     * over {@code max.request.size} fails the task at every restart, and its range would never get past that object.
     */
    private long maxPayloadBytes() {
        Long given = getLong(MAX_PAYLOAD_BYTES);
        return given != null ? given : payloadFitting(maxRequestSize());
    }

    /**
     * The producer's {@code max.request.size}: the connector's override, else Kafka's default (a worker's own
     * {@code producer.max.request.size} is out of the connector's sight; {@code max-payload-bytes} goes with it).
     */
    private int maxRequestSize() {
        Object override = originals().get(PRODUCER_OVERRIDE + ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        Object value = override != null ? override : ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return (Integer) ConfigDef.parseType(PRODUCER_OVERRIDE + ProducerConfig.MAX_REQUEST_SIZE_CONFIG, value, Type.INT);
    }

    /**
     * The largest payload whose record fits {@code maxRequestSize} bytes: the JSON converter writes the bytes in base64
     * (4 characters for 3 bytes), and {@link #RECORD_HEADROOM} is left for the key, the metadata and the schema.
     */
    private static long payloadFitting(int maxRequestSize) {
        return Math.max(0, (maxRequestSize - RECORD_HEADROOM) / 4 * 3L);
    }
}
