package io.s3conn.app.config;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The global settings of SmallRye Config (system properties, {@code S3CONN_...} environment variables,
 * {@code application.properties}, YAML files): each setting's {@link Setting#property()}, then its
 * {@link Setting#environment()} variables.
 */
public final class PropertySettings implements SettingSource {

    private static final String ENVIRONMENT_SOURCE = "EnvConfigSource";
    private static final String FILE_SOURCE = "[source=";

    private final Config config;

    private PropertySettings(Config config) {
        this.config = config;
    }

    /**
     * Properties under {@code s3conn.} that are not settings of the catalogue and that a user writes: serve's options
     * ({@link S3connConfig}) and the default command. A misspelt one is told which it probably meant.
     */
    private static final List<String> OTHER_PROPERTIES = List.of("s3conn.serve.token", "s3conn.serve.shutdown-timeout",
            "s3conn.serve.pipeline-restart", "s3conn.default-command");
    /**
     * Every name under {@code s3conn.} that is no setting, in environment form: {@link #OTHER_PROPERTIES}, the YAML
     * files, and the variables of the {@code ./s3conn} launcher ({@code S3CONN_AOT}, {@code S3CONN_JAVA_OPTS}), which
     * reach the JVM's environment whenever a user exports them. Names are matched whole, families by their prefix
     * (serve's jobs, {@code demo.sh}'s variables), so that a typo such as {@code S3CONN_AOTT} or
     * {@code s3conn.serve.tokn} is still reported.
     */
    private static final Set<String> OTHER_NAMES = Stream.concat(
            OTHER_PROPERTIES.stream().map(PropertySettings::environmentForm),
            // S3CONN_AOT_SKIP: the build's -Ds3conn.aot.skip=true, which Maven hands to the tests' JVM as well.
            Stream.of("S3CONN_CONFIG_YAML", "S3CONN_AOT", "S3CONN_JAVA_OPTS", "S3CONN_AOT_SKIP")).collect(Collectors.toSet());
    private static final List<String> OTHER_PREFIXES = List.of("S3CONN_JOBS_", "S3CONN_DEMO_");

    /**
     * The application's configuration.
     *
     * @throws ConfigurationException for a property under {@code s3conn.} that names no setting (a typo
     *                                would otherwise be ignored silently)
     */
    public static PropertySettings global() {
        return of(ConfigProvider.getConfig());
    }

    /**
     * The settings of a configuration.
     *
     * @throws ConfigurationException for a property under {@code s3conn.} that names no setting
     */
    static PropertySettings of(Config config) {
        // Compared in environment form: SmallRye lists S3CONN_AWS_ACCESS_KEY_ID as s3conn.aws.access.key.id.
        Set<String> known = Settings.ALL.stream().flatMap(s -> s.property().stream()).map(PropertySettings::environmentForm)
                .collect(Collectors.toSet());
        Set<String> names = new HashSet<>();
        config.getPropertyNames().forEach(names::add);
        for (String listed : names) {
            String form = environmentForm(listed);
            // SmallRye lists a variable twice, as written and in dotted form: named as written, whichever comes first, or
            // the line would send the user looking in their files for a property they never wrote.
            String name = names.contains(form) ? form : listed;
            if (form.startsWith("S3CONN_") && !known.contains(form) && !OTHER_NAMES.contains(form)
                    && OTHER_PREFIXES.stream().noneMatch(form::startsWith)) {
                // Cut as a file's unknown key is: from a YAML flow mapping, the name may hold a value run into it.
                // Without the quotes round a YAML key with dots below the top ({s3conn: {jobs.a.type: x}}), one name to
                // SmallRye: the suggestion is the property those dots spell, not that name with a quote left at its end.
                String shown = KeyedSettings.keyPart(name).replace("\"", "");
                throw new ConfigurationException("unknown property " + KeyedSettings.shownKey(name)
                        + Settings.propertySuggestion(shown, othersLike(shown))
                                // In the form it was written in: an environment variable is told a variable.
                                .map(p -> name.equals(form) ? environmentForm(p) : p)
                                .map(p -> ": did you mean " + p + "?").orElse("")
                        + " (see the configuration table in README)");
            }
        }
        return new PropertySettings(config);
    }

    /**
     * The properties a misspelt {@code name} may have meant besides the settings': {@link #OTHER_PROPERTIES}, and
     * {@code name} as a job's key ({@code s3conn.job.copy.type}: {@code s3conn.jobs.copy.type}), since a misspelt
     * family would otherwise leave serve running no job without a word.
     */
    private static List<String> othersLike(String name) {
        // An environment variable's parts are cut at _, a property's at dots (a job's name may hold _).
        boolean variable = !name.contains(".");
        String[] parts = name.split(variable ? "_" : "\\.", 4);
        return parts.length < 4 ? OTHER_PROPERTIES : Stream.concat(OTHER_PROPERTIES.stream(),
                Stream.of(String.join(variable ? "_" : ".", parts[0], variable ? "JOBS" : "jobs", parts[2], parts[3]))).toList();
    }

    /** {@code s3conn.aws.access-key-id} as {@code S3CONN_AWS_ACCESS_KEY_ID}, as SmallRye maps environment variables. */
    public static String environmentForm(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public Optional<String> text(Setting<?> setting) {
        return setting.property().flatMap(key -> config.getOptionalValue(key, String.class)).filter(v -> !v.isBlank())
                .or(() -> setting.environment().stream()
                        .map(System::getenv).filter(v -> v != null && !v.isBlank()).findFirst());
    }

    @Override
    public String origin(Setting<?> setting) {
        return setting.property().filter(key -> config.getOptionalValue(key, String.class).isPresent())
                .map(this::writtenAs)
                .or(() -> setting.environment().stream().filter(v -> System.getenv(v) != null).findFirst())
                .orElse("the configuration");
    }

    /**
     * The property, or the environment variable it was set by (SmallRye reports both by the property's name), with the
     * file that held it, if one did: a {@code .env} file in the working directory, read without a word otherwise, or
     * {@code config/application.yaml} or {@code .properties}, where a value error named the property alone, though two of
     * these files (and the environment) may set it. For value errors of properties that are not settings
     * ({@code s3conn.serve.*}) too, named as a setting's are.
     */
    public String writtenAs(String property) {
        String name = spelling(property, property);
        // SmallRye names its sources so: "EnvConfigSource", "EnvConfigSource[source=file:/dir/.env]",
        // "PropertiesConfigSource[source=file:/dir/config/application.properties]"; the YAML files' are "yaml:file:/...".
        String source = sourceOf(property);
        String location = source.startsWith(YamlConfigSourceProvider.SOURCE_PREFIX) ? source.substring(YamlConfigSourceProvider.SOURCE_PREFIX.length())
                : source.contains(FILE_SOURCE) && source.endsWith("]")
                ? source.substring(source.indexOf(FILE_SOURCE) + FILE_SOURCE.length(), source.length() - 1) : "";
        if (!location.startsWith("file:")) {
            // No file, or one inside the application (its own defaults), which the user did not write.
            return name;
        }
        try {
            return name + " in " + Path.of(URI.create(location));
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return name + " in " + location;
        }
    }

    /**
     * {@code other} as it would be written where {@code property} was: a variable if {@code property} was set by one (in
     * the environment or a {@code .env} file), else the property. For suggestions in the user's own spelling.
     */
    public String spelling(String property, String other) {
        return sourceOf(property).startsWith(ENVIRONMENT_SOURCE) ? environmentForm(other) : other;
    }

    private String sourceOf(String property) {
        return Objects.requireNonNullElse(config.getConfigValue(property).getSourceName(), "");
    }
}
