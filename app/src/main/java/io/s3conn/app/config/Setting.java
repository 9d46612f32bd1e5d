package io.s3conn.app.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting of s3conn, as every reader knows it. Its {@link #name()} is the flag ({@code --name}),
 * the key of a {@code serve} job ({@code s3conn.jobs.<job>.<name>}) and, with its snake_case and
 * camelCase spellings and the {@link #aliases()}, the key in a {@code --config} JSON file and in a
 * {@code pipeline.yaml}.
 *
 * @param name         the one name, kebab-case
 * @param type         how its text is parsed
 * @param defaultValue the value when no reader has one, as text; empty when there is none or it is
 *                     computed (the {@link #description()} then says how)
 * @param aliases      further keys accepted in files: the Fivetran and Conduit names
 * @param property     the global SmallRye property ({@code s3conn.aws.region}), for settings that have one
 * @param environment  environment variables read after the property (e.g. {@code AWS_ENDPOINT_URL_S3})
 * @param flag         whether a command line may carry it; secrets may not, since command lines are public
 * @param description  one line for {@code --help} and README
 * @param <T>          the value's type
 */
public record Setting<T>(String name, SettingType<T> type, Optional<String> defaultValue, List<String> aliases,
                         Optional<String> property, List<String> environment, boolean flag, String description) {

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        aliases = List.copyOf(aliases);
        environment = List.copyOf(environment);
    }

    /** A setting with a flag, no default, no alias and no global property. */
    public static <T> Setting<T> of(String name, SettingType<T> type, String description) {
        return new Setting<>(name, type, Optional.empty(), List.of(), Optional.empty(), List.of(), true, description);
    }

    /** The same with a default. */
    public Setting<T> withDefault(String value) {
        type.parse(value); // a default that does not parse is a bug here, not a user's error
        return new Setting<>(name, type, Optional.of(value), aliases, property, environment, flag, description);
    }

    /** The same, also read under these keys in files. */
    public Setting<T> withAliases(String... keys) {
        return new Setting<>(name, type, defaultValue, List.of(keys), property, environment, flag, description);
    }

    /** The same, also read from this global property and then these environment variables. */
    public Setting<T> withProperty(String key, String... variables) {
        return new Setting<>(name, type, defaultValue, aliases, Optional.of(key), List.of(variables), flag, description);
    }

    /** The same without a flag. */
    public Setting<T> withoutFlag() {
        return new Setting<>(name, type, defaultValue, aliases, property, environment, false, description);
    }

    /** {@code --name}. */
    public String flagName() {
        return "--" + name;
    }

    /** Every key a file or a job may use for it: the name, its snake_case, dotted and camelCase spellings, then the aliases. */
    public List<String> keys() {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        keys.add(name);
        keys.add(name.replace('-', '_'));
        // How SmallRye names a job's setting set by an environment variable: S3CONN_JOBS_COPY_DESTINATION_BUCKET
        // is s3conn.jobs.copy.destination.bucket, since a variable cannot tell '-' from '.'.
        keys.add(name.replace('-', '.'));
        keys.add(camelCase(name));
        keys.addAll(aliases);
        return new ArrayList<>(keys);
    }

    /** Parses a value of this setting. */
    public T parse(String text) {
        return type.parse(text);
    }

    private static String camelCase(String kebab) {
        StringBuilder out = new StringBuilder(kebab.length());
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return out.toString();
    }
}
