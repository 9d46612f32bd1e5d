package io.s3conn.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The configuration of a one-shot command, which runs without starting Quarkus ({@code io.s3conn.app.CommandRun}):
 * SmallRye Config from the sources Quarkus reads, with Quarkus' ordinals, so that a property means the same to
 * {@code inventory sync} as to {@code serve}. Highest first: system properties (400), environment variables (300), a
 * {@code .env} file in the working directory (295), {@code config/application.properties} and the YAML files of
 * {@link YamlConfigSourceProvider} in the working directory (260), the application's own {@code application.properties}
 * (250), with the properties files {@code quarkus.config.locations} ({@code QUARKUS_CONFIG_LOCATIONS}) names. The
 * {@code prod} profile applies, as in Quarkus' packaged application ({@code %prod.} properties).
 */
public final class CommandConfig {

    /** The properties file Quarkus and {@link #register} read, relative to the working directory. */
    private static final Path PROPERTIES_FILE = Path.of("config", "application.properties");

    private CommandConfig() {
    }

    /**
     * Checks that {@code config/application.properties} under {@code workingDirectory}, when there is one, is UTF-8 text,
     * as the YAML files are: SmallRye reads a byte that is not UTF-8 as U+FFFD without a word (a Latin-1 {@code é} in a
     * SQLite file's name created a file named {@code �.db}). Before Quarkus starts, for {@code serve} (and
     * commands run through Quarkus), and in {@link #register}, for the one-shot commands, which {@code S3connMain} runs
     * without Quarkus.
     *
     * @throws ConfigurationException naming the file, when it is not UTF-8 or cannot be read
     */
    public static void checkPropertiesText(Path workingDirectory) {
        Path file = workingDirectory.resolve(PROPERTIES_FILE);
        if (Files.isRegularFile(file)) {
            ConfigurationText.read(file, "configuration file");
        }
    }

    /**
     * Builds the configuration and makes it the one {@code ConfigProvider.getConfig()} returns on this class loader.
     *
     * @throws ConfigurationException for a configuration file that cannot be read (YAML that does not parse, a file
     *                                that is not UTF-8)
     */
    public static Config register() {
        checkPropertiesText(Path.of(""));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .withProfile("prod")
                .addDefaultInterceptors()
                .addDefaultSources()
                .withSources(new DotEnvConfigSourceProvider())
                .withSources(PropertiesConfigSourceLoader.inFileSystem("config/application.properties", 260, loader))
                .withSources(PropertiesConfigSourceLoader.inClassPath("application.properties", 250, loader))
                .withSources(new YamlConfigSourceProvider());
        // quarkus.config.locations, as Quarkus reads it: properties files beside application.properties (250).
        Optional.ofNullable(System.getProperty("quarkus.config.locations"))
                .or(() -> Optional.ofNullable(System.getenv("QUARKUS_CONFIG_LOCATIONS")))
                .ifPresent(locations -> Stream.of(locations.split(",")).map(String::strip).filter(l -> !l.isEmpty())
                        .forEach(location -> builder.withSources(PropertiesConfigSourceLoader.inFileSystem(location, 250, loader))));
        SmallRyeConfig config = builder.build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        try {
            resolver.registerConfig(config, loader);
        } catch (IllegalStateException alreadyRegistered) {
            // A native executable holds the configuration Quarkus built at image build time: this one replaces it.
            resolver.releaseConfig(resolver.getConfig(loader));
            resolver.registerConfig(config, loader);
        }
        return config;
    }
}
