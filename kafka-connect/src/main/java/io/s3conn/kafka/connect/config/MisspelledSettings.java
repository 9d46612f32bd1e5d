package io.s3conn.kafka.connect.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

import io.s3conn.core.net.Urls;
import io.s3conn.core.text.Spelling;

/**
 * Refuses a setting of this connector written another way: {@code aws.secret.access.key} or
 * {@code aws.secret-access-key} for {@code secret-access-key}, {@code polling.period} or {@code pollingPeriod} for
 * {@code polling-period}, as other connectors name theirs, or misspelt ({@code bufer-size}, {@code endpoint-uri},
 * {@code endpoint} for {@code endpoint-url}), or named as another S3 connector names it ({@code flush.size} for
 * {@code buffer-size}, {@code store.url} for {@code endpoint-url}). Connect passes every key on and a definition ignores keys it does
 * not know, so the value would be ignored without a word: credentials written so leave the connector on the
 * worker's own credentials, an endpoint so sends it to AWS. A key without a dot that is none of this connector's
 * settings is refused too, with or without a setting to suggest: Connect's own settings have dots
 * ({@code transforms.*}, {@code errors.*}, converters, overrides) but for a few ({@code name},
 * {@code transforms}, {@code predicates}, a sink's {@code topics}), so other keys with dots stay accepted unless
 * they spell a setting. The value of a refused key is shown hidden, as Connect shows a password, when it may be a
 * secret (the setting meant is one, or none is known), and an endpoint's without its user info. A converter's
 * setting ({@code value.converter.schemas.enable}) without its converter's class in the same configuration is refused
 * too: Connect reads it only with the class, and otherwise ignores it without a word.
 */
public final class MisspelledSettings {

    /** Connect's own settings of every connector that have no dot. */
    private static final Set<String> CONNECTS_OWN = Set.of("name", "transforms", "predicates");

    /**
     * The names other S3 connectors give these settings (Confluent's S3 sink and source, Aiven's S3 sink), written as
     * {@link #spelled} writes a key (lower case, words joined by {@code -}, without leading {@code aws.} and
     * {@code s3.}): a configuration carried over from one of them keeps keys with dots, which would otherwise be
     * accepted and ignored ({@code flush.size=100} leaving 1,000 records in each object, {@code store.url} leaving
     * the connector on Amazon S3). Only a setting this connector has is suggested.
     */
    private static final Map<String, String> THIRD_PARTY_NAMES = Map.ofEntries(
            Map.entry("bucket-name", ConnectionConfig.BUCKET),
            Map.entry("store-url", ConnectionConfig.ENDPOINT_URL),
            Map.entry("path-style-access-enabled", ConnectionConfig.PATH_STYLE),
            Map.entry("topics-dir", ConnectionConfig.PREFIX),
            Map.entry("flush-size", SinkConfig.BUFFER_SIZE),
            Map.entry("file-max-records", SinkConfig.BUFFER_SIZE),
            Map.entry("rotate-interval-ms", SinkConfig.FLUSH_INTERVAL),
            Map.entry("rotate-schedule-interval-ms", SinkConfig.FLUSH_INTERVAL),
            Map.entry("format-class", SinkConfig.FORMAT),
            Map.entry("format-output-type", SinkConfig.FORMAT),
            Map.entry("compression-type", SinkConfig.COMPRESSION),
            Map.entry("file-compression-type", SinkConfig.COMPRESSION),
            Map.entry("parquet-codec", SinkConfig.COMPRESSION),
            Map.entry("file-name-template", SinkConfig.KEY_TEMPLATE),
            Map.entry("ssea-name", SinkConfig.SSE),
            Map.entry("acl-canned", SinkConfig.ACL),
            Map.entry("poll-interval-ms", SourceConfig.POLLING_PERIOD));

    /** Connect's converters of a connector, each configured by the keys under its name. */
    private static final List<String> CONVERTERS = List.of("key.converter", "value.converter", "header.converter");

    private MisspelledSettings() {
    }

    /**
     * {@code validated} with an error for each key of {@code given} that neither {@code validated} names nor
     * Connect reads and that spells one of {@code own}'s settings or has no dot.
     *
     * @param connectsOwn Connect's settings without a dot of this kind of connector, besides {@code name},
     *                    {@code transforms} and {@code predicates} (a sink's {@code topics})
     */
    public static Config refuse(Config validated, Map<String, String> given, ConfigDef own, Set<String> connectsOwn) {
        Set<String> named = new HashSet<>();
        validated.configValues().forEach(value -> named.add(value.name()));
        List<ConfigValue> values = new ArrayList<>(validated.configValues());
        boolean refused = false;
        for (String key : new TreeSet<>(given.keySet())) {
            if (named.contains(key) || own.names().contains(key) || CONNECTS_OWN.contains(key) || connectsOwn.contains(key)) {
                continue;
            }
            Optional<String> converter = ignoredConverterSetting(key, given);
            if (converter.isPresent()) {
                values.add(new ConfigValue(key, given.get(key), List.of(), new ArrayList<>(List.of(key + " is ignored: Connect "
                        + "passes a connector's " + converter.get() + ".* settings only to a " + converter.get() + " set in the "
                        + "same configuration (else the workers' converter is used, with the workers' settings); set "
                        + converter.get() + " too"))));
                refused = true;
                continue;
            }
            Optional<String> meant = spelled(key, own);
            if (meant.isEmpty() && key.contains(".")) {
                continue;
            }
            String reason = key + " is no setting of this connector, which would ignore it"
                    + meant.map(name -> ": did you mean " + name + "?").orElse("");
            values.add(new ConfigValue(key, shown(given.get(key), meant, own), List.of(), new ArrayList<>(List.of(reason))));
            refused = true;
        }
        return refused ? new Config(values) : validated;
    }

    /**
     * The converter ({@code key.converter}, {@code value.converter}, {@code header.converter}) whose settings
     * {@code key} is one of while {@code given} names no class for it: Connect then runs the workers' converter,
     * configured from the workers' properties, and never reads {@code key} ({@code value.converter.schemas.enable=false}
     * would leave every value with its schema). Connect's own {@code *.converter.plugin.version} is no such setting.
     */
    private static Optional<String> ignoredConverterSetting(String key, Map<String, String> given) {
        return CONVERTERS.stream()
                .filter(converter -> key.startsWith(converter + ".") && !key.equals(converter + ".plugin.version"))
                .filter(converter -> !given.containsKey(converter))
                .findFirst();
    }

    /** {@code value} as the answer may show it: hidden when it may be a secret, an endpoint without its user info. */
    private static Object shown(String value, Optional<String> meant, ConfigDef own) {
        if (value == null) {
            return null;
        }
        if (meant.isEmpty() || own.configKeys().get(meant.get()).type == ConfigDef.Type.PASSWORD) {
            return new Password(value);
        }
        return meant.get().equals(ConnectionConfig.ENDPOINT_URL) ? Urls.withoutUserInfo(value) : value;
    }

    /**
     * The setting of {@code own} that {@code key} spells with dots, underscores, capitals or aws/s3 prefixes
     * ({@code aws.s3.region}), names as another S3 connector does ({@link #THIRD_PARTY_NAMES}), or misspells
     * (within {@link Spelling#allowedEdits} edits once case and separators are left out, the nearest), or begins
     * ({@code endpoint}: {@code endpoint-url}, when it begins one setting only).
     */
    private static Optional<String> spelled(String key, ConfigDef own) {
        String words = key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replaceAll("[._]", "-");
        String name = words.replaceFirst("^((aws|s3)-)+", "");
        if (own.names().contains(name)) {
            return Optional.of(name);
        }
        String theirs = THIRD_PARTY_NAMES.get(name);
        if (theirs != null && own.names().contains(theirs)) {
            return Optional.of(theirs);
        }
        Optional<String> nearest = Spelling.nearest(name, own.names());
        if (nearest.isPresent()) {
            return nearest;
        }
        List<String> begun = own.names().stream().filter(setting -> setting.startsWith(name + "-")).toList();
        return begun.size() == 1 ? Optional.of(begun.getFirst()) : Optional.empty();
    }
}
