package io.s3conn.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.s3conn.core.text.Spelling;
import io.s3conn.destination.format.RecordFormats;
import io.s3conn.glacier.RequestRate;
import io.s3conn.inventory.InventorySyncOptions;

/**
 * The catalogue of s3conn's settings: each one's name, type, default, aliases and help line, in one
 * place. Flags, {@code --config} files, {@code pipeline.yaml}, SmallRye properties and {@code serve}
 * jobs are all read through it ({@link SettingsResolver}), picocli takes option descriptions from it
 * ({@link SettingsHelp}), and README's configuration table lists it.
 */
public final class Settings {

    // How to reach the bucket and the database.

    public static final Setting<String> BUCKET = Setting.of("bucket", SettingType.BUCKET,
            "The bucket (a pipeline's source bucket).").withAliases("aws.bucket");
    public static final Setting<String> PREFIX = Setting.of("prefix", SettingType.PREFIX,
            "Only keys that start with PREFIX (default: the whole bucket; a pipeline's source prefix); for destination write, the prefix of written objects.")
            .withDefault("");
    public static final Setting<URI> ENDPOINT_URL = Setting.of("endpoint-url", SettingType.URL,
            "Endpoint of an S3-compatible store (MinIO, Ceph, R2...): http(s)://host[:port], no ?query or #fragment, the scheme in any case. Default: $AWS_ENDPOINT_URL_S3, $AWS_ENDPOINT_URL, else Amazon S3.")
            .withAliases("aws.endpoint", "aws.endpointUrl")
            .withProperty("s3conn.aws.endpoint-url", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
    public static final Setting<String> REGION = Setting.of("region", SettingType.REGION,
            "Signing region: letters, digits, -, _ and . (us-east-1, auto, garage). Default: the AWS default region chain, else us-east-1.")
            .withAliases("aws_region", "aws.region").withProperty("s3conn.aws.region");
    public static final Setting<Boolean> PATH_STYLE = Setting.of("path-style", SettingType.BOOLEAN,
            "Path-style addressing (/bucket/key). Default: on with an endpoint URL, off on Amazon S3.")
            .withProperty("s3conn.aws.path-style");
    public static final Setting<String> PROFILE = Setting.of("profile", SettingType.NAME,
            "Named profile of ~/.aws/config and ~/.aws/credentials.")
            .withAliases("aws_profile").withProperty("s3conn.aws.profile");
    public static final Setting<Integer> MAX_ATTEMPTS = Setting.of("max-attempts", SettingType.COUNT,
            "Attempts per S3 request, retries included.").withDefault("10").withProperty("s3conn.aws.max-attempts");
    public static final Setting<Duration> ATTEMPT_TIMEOUT = Setting.of("attempt-timeout", SettingType.POSITIVE_DURATION,
            "How long one attempt of an S3 request may take (sending, waiting, reading the answer) before it is abandoned and retried.")
            .withDefault("60s").withProperty("s3conn.aws.attempt-timeout");
    public static final Setting<String> ACCESS_KEY_ID = Setting.of("access-key-id", SettingType.TEXT,
            "Explicit access key id (default: the AWS credential chain). No flag: command lines are visible to all.")
            .withAliases("aws_access_key_id", "aws.accessKeyId").withProperty("s3conn.aws.access-key-id").withoutFlag();
    public static final Setting<String> SECRET_ACCESS_KEY = Setting.of("secret-access-key", SettingType.TEXT,
            "Explicit secret access key, with access-key-id.")
            .withAliases("aws_secret_access_key", "aws.secretAccessKey").withProperty("s3conn.aws.secret-access-key")
            .withoutFlag();
    public static final Setting<String> SESSION_TOKEN = Setting.of("session-token", SettingType.TEXT,
            "Session token of temporary explicit credentials.")
            .withAliases("aws_session_token", "aws.sessionToken").withProperty("s3conn.aws.session-token").withoutFlag();
    public static final Setting<String> DATABASE = Setting.of("database", SettingType.TEXT,
            "Database for the inventory, states and checkpoints: jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB?user=..&password=..")
            .withDefault("jdbc:sqlite:s3conn.db").withProperty("s3conn.database");

    // Inventory syncs.

    public static final Setting<Integer> PAGE_SIZE = Setting.of("page-size", SettingType.countUpTo(1000),
            "Keys per listing page, 1-1000; a killed sync redoes at most one page a key range.")
            .withDefault("1000").withProperty("s3conn.inventory.page-size");
    // At most 1000, as list-concurrency: each request in flight is a thread of its own.
    public static final Setting<Integer> HEAD_CONCURRENCY = Setting.of("head-concurrency", SettingType.countUpTo(1000),
            "HeadObject requests in flight at most, 1-1000.").withDefault("16").withProperty("s3conn.inventory.head-concurrency");
    // At most 1000: each is a thread of its own, and --list-concurrency 100000 failed with "could not start:
    // OutOfMemoryError: unable to create native thread" (exit 1) after the bucket was checked.
    public static final Setting<Integer> LIST_CONCURRENCY = Setting.of("list-concurrency", SettingType.countUpTo(1000),
            "Listing requests in flight at most, 1-1000: a scope is listed as that many key ranges at once; 1 lists it sequentially.")
            .withDefault(String.valueOf(InventorySyncOptions.DEFAULT_LIST_CONCURRENCY)).withProperty("s3conn.list-concurrency");
    public static final Setting<String> RESTORE_STATUS_FROM = Setting.of("restore-status-from",
            SettingType.oneOf("auto", "listing", "head"),
            "Where restore statuses come from: auto (listing on Amazon S3 and servers that show RestoreStatus, else HEAD), listing or head.")
            .withDefault("auto").withProperty("s3conn.inventory.restore-status-from");
    public static final Setting<Boolean> HEAD_INTELLIGENT_TIERING = Setting.of("head-intelligent-tiering", SettingType.BOOLEAN,
            "HEAD Intelligent-Tiering objects to find those in an archive tier.")
            .withDefault("true").withProperty("s3conn.inventory.head-intelligent-tiering");
    public static final Setting<Boolean> VERSIONS = Setting.of("versions", SettingType.BOOLEAN,
            "Also keep s3_object_versions: every object version and delete marker (ListObjectVersions).").withDefault("false");

    // Reading a bucket as records.

    public static final Setting<String> MODE = Setting.of("mode", SettingType.oneOf("snapshot", "cdc", "all"),
            "snapshot, cdc (changes from now on) or all (a snapshot, then changes).").withDefault("all");
    public static final Setting<Duration> POLLING_PERIOD = Setting.of("polling-period",
            // 0s (or 1ns) was accepted: each poll lists the prefix, so the source listed without pause, a CPU and the
            // server busy the whole time for changes seen no sooner than a tenth of a second later.
            SettingType.atLeast(Duration.ofMillis(100), "each poll lists the prefix; shorter polls without pause, a CPU busy the whole time"),
            "Pause between CDC polls, at least 100ms, e.g. 1s, 500ms, 1m30s.").withDefault("1s");
    public static final Setting<String> CONTENT = Setting.of("content", SettingType.oneOf("inline", "none"),
            "inline (the object's bytes in payload.after) or none (metadata only, one HEAD per object).").withDefault("inline");
    public static final Setting<Long> MAX_PAYLOAD_BYTES = Setting.of("max-payload-bytes", SettingType.SIZE,
            "Objects larger than this are emitted without payload and never loaded.").withDefault("10485760");
    // At most 256, as the Kafka Connect source's read-ahead: each is a thread of its own holding up to
    // max-payload-bytes, and 99999999 was accepted.
    public static final Setting<Integer> READ_AHEAD = Setting.of("read-ahead", SettingType.countUpTo(256),
            "Objects read concurrently ahead of the one being emitted, 1-256.").withDefault("8");
    public static final Setting<String> NOTIFICATIONS = Setting.of("notifications", SettingType.TEXT,
            "S3 event notifications from sqs:<queue url> (EventBridge events routed there too): a source's changes after the snapshot; "
                    + "for inventory watch and inventory jobs, s3_objects kept live.");
    public static final Setting<Duration> RECONCILE_EVERY = Setting.of("reconcile-every",
            // Shorter, each reconciliation was due again before the queue was read: a listing without pause, no event
            // applied, and a --stop-when-idle run that never stopped.
            SettingType.atLeast(Duration.ofSeconds(1), "each reconciliation lists the whole scope; events are applied between them"),
            "With notifications: a reconciling listing (inventory: sync) at start and this often (at least 1s), so a lost event delays a change, never drops it.")
            .withDefault("1h");
    public static final Setting<Boolean> RESTORE_ARCHIVED = Setting.of("restore-archived", SettingType.BOOLEAN,
            "Restore each archived object met (GLACIER, DEEP_ARCHIVE, Intelligent-Tiering archive tiers) and emit its record "
                    + "once restored, with the payload; off: emitted at once without payload, with its restore status.")
            .withDefault("false");
    public static final Setting<String> RESTORE_TIER = Setting.of("restore-tier", SettingType.oneOf("bulk", "standard", "expedited"),
            "With restore-archived: the retrieval tier, bulk (cheapest), standard or expedited.").withDefault("bulk");
    public static final Setting<Integer> RESTORE_DAYS = Setting.of("restore-days", SettingType.COUNT,
            "With restore-archived: days a restored copy stays (not sent for Intelligent-Tiering).").withDefault("1");
    public static final Setting<RequestRate> RESTORE_RATE = Setting.of("restore-rate", SettingType.RATE,
            "With restore-archived: restore requests a second at most; 0: no limit.").withDefault("100/s");
    public static final Setting<Duration> RESTORE_POLL = Setting.of("restore-poll",
            SettingType.atLeast(Duration.ofMillis(100), "each poll sends a HEAD for every pending restore"),
            "With restore-archived: how often (at least 100ms) a HEAD asks whether a pending restore completed (with notifications, "
                    + "an ObjectRestore:Completed event says so at once).").withDefault("15m");
    public static final Setting<String> STATE = Setting.of("state", SettingType.NAME,
            "Name the position is saved under, to resume from it (a pipeline's default: from its buckets and prefixes).");

    // Writing records into a bucket.

    public static final Setting<String> DESTINATION_BUCKET = Setting.of("destination-bucket", SettingType.BUCKET,
            "Where a pipeline writes its records.");
    public static final Setting<String> DESTINATION_PREFIX = Setting.of("destination-prefix", SettingType.PREFIX,
            "Prefix of the objects a pipeline writes.").withDefault("");
    public static final Setting<String> FORMAT = Setting.of("format", SettingType.oneOf(RecordFormats.NAMES),
            "json (JSON lines; jsonl also works) or parquet; required.");
    public static final Setting<String> COMPRESSION = Setting.of("compression", SettingType.TEXT,
            "json: none (default) or gzip; parquet: snappy (default), zstd, gzip or none.");
    public static final Setting<String> KEY_TEMPLATE = Setting.of("key-template", SettingType.TEXT,
            "Object names after the prefix; placeholders {yyyy} {MM} {dd} {HH} {id} {ext}.")
            .withDefault("{yyyy}/{MM}/{dd}/{id}.{ext}");
    public static final Setting<Integer> BUFFER_SIZE = Setting.of("buffer-size", SettingType.COUNT,
            "Records per batch at most.").withDefault("1000");
    public static final Setting<Long> MAX_BATCH_BYTES = Setting.of("max-batch-bytes", SettingType.POSITIVE_SIZE,
            "Encoded bytes per batch at most.").withDefault("67108864");
    public static final Setting<Duration> FLUSH_INTERVAL = Setting.of("flush-interval", SettingType.NON_NEGATIVE_DURATION,
            "Store a batch once its first record is this old.").withDefault("5s");
    public static final Setting<String> STORAGE_CLASS = Setting.of("storage-class", SettingType.STORAGE_CLASS,
            "Storage class of written objects as S3 names it, in any case: STANDARD_IA, GLACIER_IR, ..., or a server's own class in upper case (default: the bucket's).");
    public static final Setting<String> SSE = Setting.of("sse", SettingType.SSE,
            "Server-side encryption of written objects: AES256 or aws:kms (default: the bucket's).");
    public static final Setting<String> SSE_KMS_KEY_ID = Setting.of("sse-kms-key-id", SettingType.TEXT,
            "KMS key for sse aws:kms.");
    public static final Setting<String> ACL = Setting.of("acl", SettingType.ACL,
            "Canned ACL of written objects, e.g. private (default: none sent).");

    // serve jobs.

    public static final Setting<String> TYPE = Setting.of("type", SettingType.oneOf("inventory", "pipeline"),
            "What a serve job runs: inventory or pipeline.").withoutFlag();
    public static final Setting<Duration> EVERY = Setting.of("every",
            // As reconcile-every: each run lists the whole scope, and 1ms (positive, so accepted) ran one sync after another.
            SettingType.atLeast(Duration.ofSeconds(1), "each run lists the whole scope"),
            "Run an inventory job every this long (at least 1s), e.g. 5m (default 1h); with notifications it watches continuously (restarted at a tick if it failed; without every or cron, at most s3conn.serve.pipeline-restart after).").withoutFlag();
    public static final Setting<String> CRON = Setting.of("cron", SettingType.TEXT,
            "Run an inventory job on this Quartz cron expression instead.").withoutFlag();

    /** Every setting, in the order of README's table. */
    public static final List<Setting<?>> ALL = List.of(BUCKET, PREFIX, ENDPOINT_URL, REGION, PATH_STYLE, PROFILE,
            MAX_ATTEMPTS, ATTEMPT_TIMEOUT, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, DATABASE,
            PAGE_SIZE, LIST_CONCURRENCY, HEAD_CONCURRENCY, RESTORE_STATUS_FROM, HEAD_INTELLIGENT_TIERING, VERSIONS,
            MODE, POLLING_PERIOD, CONTENT, MAX_PAYLOAD_BYTES, READ_AHEAD, NOTIFICATIONS, RECONCILE_EVERY,
            RESTORE_ARCHIVED, RESTORE_TIER, RESTORE_DAYS, RESTORE_RATE, RESTORE_POLL, STATE,
            DESTINATION_BUCKET, DESTINATION_PREFIX, FORMAT, COMPRESSION, KEY_TEMPLATE, BUFFER_SIZE, MAX_BATCH_BYTES,
            FLUSH_INTERVAL, STORAGE_CLASS, SSE, SSE_KMS_KEY_ID, ACL,
            TYPE, EVERY, CRON);

    /**
     * What only inventory syncs read, and an inventory job's schedule: a pipeline would ignore them, so a pipeline file
     * or a pipeline job that sets one is refused rather than left to believe it applies.
     */
    public static final List<Setting<?>> INVENTORY_ONLY = List.of(PAGE_SIZE, HEAD_CONCURRENCY, RESTORE_STATUS_FROM,
            HEAD_INTELLIGENT_TIERING, VERSIONS, EVERY, CRON);

    /** What only pipelines read: how the source reads records, and how the destination writes them. */
    public static final List<Setting<?>> PIPELINE_ONLY = List.of(MODE, POLLING_PERIOD, CONTENT, MAX_PAYLOAD_BYTES,
            READ_AHEAD, RESTORE_ARCHIVED, RESTORE_TIER, RESTORE_DAYS, RESTORE_RATE, RESTORE_POLL, STATE,
            DESTINATION_BUCKET, DESTINATION_PREFIX, FORMAT, COMPRESSION, KEY_TEMPLATE, BUFFER_SIZE, MAX_BATCH_BYTES,
            FLUSH_INTERVAL, STORAGE_CLASS, SSE, SSE_KMS_KEY_ID, ACL);

    private Settings() {
    }

    /** The setting a file or job key names (its name, a spelling of it, or an alias). */
    public static Optional<Setting<?>> byKey(String key) {
        return ALL.stream().filter(setting -> setting.keys().contains(key)).findFirst();
    }

    /**
     * The key a misspelt one probably meant ({@code pollingPerod}: {@code polling-period}), for messages about
     * unknown keys: the setting's name or alias closest to it once case and separators are ignored, within one
     * edit (two for keys of six characters or more), a swap of two neighbours counting as one.
     */
    public static Optional<String> suggestion(String unknownKey) {
        String typed = Spelling.letters(unknownKey);
        int allowed = Spelling.allowedEdits(typed);
        String best = null;
        int bestDistance = allowed + 1;
        int bestAsWritten = Integer.MAX_VALUE;
        for (Setting<?> setting : ALL) {
            for (String key : setting.keys()) {
                int distance = Spelling.editDistance(typed, Spelling.letters(key));
                // Ties (aws.secretAccesKey is as near aws_secret_access_key as aws.secretAccessKey) go to the key
                // written most alike.
                int asWritten = Spelling.editDistance(unknownKey, key);
                if (distance < bestDistance || distance == bestDistance && asWritten < bestAsWritten) {
                    // The name stands for its own spellings; an alias is suggested as written.
                    best = setting.aliases().contains(key) ? key : setting.name();
                    bestDistance = distance;
                    bestAsWritten = asWritten;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The global property a misspelt one probably meant ({@code s3conn.inventory.pagesize}: {@code s3conn.inventory.page-size}),
     * among the settings' properties and {@code others}, properties that are not settings.
     */
    public static Optional<String> propertySuggestion(String unknownProperty, Collection<String> others) {
        return Spelling.nearest(unknownProperty,
                Stream.concat(ALL.stream().flatMap(setting -> setting.property().stream()), others.stream()).toList());
    }

    /** The setting whose flag this is ({@code --buffer-size}). */
    public static Optional<Setting<?>> byFlag(String flag) {
        return ALL.stream().filter(setting -> setting.flag() && setting.flagName().equals(flag)).findFirst();
    }
}
