package io.s3conn.app.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The global settings of SmallRye Config (system properties, {@code S3CONN_...} environment variables,
 * {@code application.properties}, YAML files): each setting's {@link Setting#property()}, then its
 * {@link Setting#environment()} variables.
 */
public final class PropertySettings implements SettingSource {

    private final Config config;

    private PropertySettings(Config config) {
        this.config = config;
    }

    /** Properties under {@code s3conn.} that are not settings of the catalogue. */
    private static final List<String> OTHER_PREFIXES = List.of("s3conn.jobs.", "s3conn.serve.", "s3conn.default-command",
            "s3conn.config-yaml");

    /**
     * The application's configuration.
     *
     * @throws ConfigurationException for a property under {@code s3conn.} that names no setting (a typo
     *                                would otherwise be ignored silently)
     */
    public static PropertySettings global() {
        Config config = ConfigProvider.getConfig();
        Set<String> known = Settings.ALL.stream().flatMap(s -> s.property().stream()).collect(Collectors.toSet());
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("s3conn.") && !known.contains(name) && OTHER_PREFIXES.stream().noneMatch(name::startsWith)) {
                throw new ConfigurationException("unknown property " + name + " (see the configuration table in README)");
            }
        }
        return new PropertySettings(config);
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
                .or(() -> setting.environment().stream().filter(v -> System.getenv(v) != null).findFirst())
                .orElse("the configuration");
    }
}
