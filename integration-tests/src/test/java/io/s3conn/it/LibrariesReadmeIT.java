package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.s3conn.core.jdbc.Database;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.glacier.RestoreStatusRule;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.source.S3Source;
import io.s3conn.testbed.S3Server;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * README's "Using the libraries" example, compiled from README.md as it stands for Java 21 and run on every S3 server
 * ({@link Fixtures#servers()}) in a JVM of its own whose class path is what a program depending on {@code s3conn-source},
 * {@code s3conn-destination} and {@code s3conn-inventory} gets (their jars and their runtime dependencies, nothing of the
 * tests'), and the libraries' class files: an example that no longer compiles or does what README says, a dependency
 * that only the tests' class path supplied, or a library no longer built for Java 21, fails here.
 */
class LibrariesReadmeIT {

    private static final Pattern SECTION = Pattern.compile("## Using the libraries\n.*?```java\n(.*?)```", Pattern.DOTALL);

    /** The modules README names as the ones a program depends on. */
    private static final List<String> LIBRARIES = List.of("source", "destination", "inventory");

    /**
     * Calls the example's {@code copy} with an S3-compatible endpoint, as README's comment in {@code main} says to:
     * credentials and region come from the SDK's default chains (the environment the test gives the JVM).
     */
    private static final String RUN_COPY = """
            import java.net.URI;

            import io.s3conn.core.s3.S3ConnectionSettings;

            public class RunCopy {
                public static void main(String[] args) throws Exception {
                    CopyBucket.copy(S3ConnectionSettings.defaults().withEndpoint(URI.create(args[0])), args[1], args[2], args[3]);
                }
            }
            """;

    /** How long one run of the example may take before it counts as hanging. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    /** The class file version of Java 21. */
    private static final int JAVA_21 = 65;

    private static Path compiled;

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void theExampleInventoriesABucketAndCopiesEachObjectOnceEvenWhenRunTwice(S3Server server) throws Exception {
        String from = Fixtures.newBucket(server, "lib-from");
        String to = Fixtures.newBucket(server, "lib-to");
        for (String key : List.of("a", "b/c", "d e")) {
            server.put(from, key, "content of " + key, null);
        }
        String database = "jdbc:sqlite:" + dir.resolve("copy-bucket.db");

        assertThat(runCopy(server, from, to, database)).contains("s3_objects holds the 3 objects of " + from);
        runCopy(server, from, to, database);

        List<S3Object> copies = server.client().listObjectsV2(b -> b.bucket(to)).contents();
        assertThat(copies).hasSize(1);
        String lines = server.client().getObjectAsBytes(b -> b.bucket(to).key(copies.getFirst().key())).asUtf8String();
        assertThat(lines.lines()).hasSize(3);
        assertThat(inventoryRows(database, from)).isEqualTo(3);
    }

    /** A library thread that is no daemon would keep the program's JVM alive after {@code main} returned. */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void theExampleProgramEndsWhenItsMainReturns(S3Server server) throws Exception {
        String from = Fixtures.newBucket(server, "lib-threads");
        String to = Fixtures.newBucket(server, "lib-threads-to");
        server.put(from, "k", "v", null);

        assertThat(runCopy(server, from, to, "jdbc:sqlite:" + dir.resolve("threads.db"))).contains("1 objects of " + from);
    }

    /**
     * README: "the jars run on Java 21 and later". Java 21 loads class files up to version 65; every class of each
     * library module (wherever the test's class path has it: a jar, or the module's classes) must be one of those.
     */
    @ParameterizedTest
    @ValueSource(classes = {Database.class, RestoreStatusRule.class, S3Source.class, S3BatchWriter.class,
            InventorySync.class})
    void everyLibraryClassRunsOnJava21(Class<?> ofModule) throws Exception {
        Path location = Path.of(ofModule.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Integer> versions = new TreeMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    versions.put(location.relativize(file).toString(), classFileVersion(Files.readAllBytes(file)));
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    if (entry.getName().endsWith(".class")) {
                        versions.put(entry.getName(), classFileVersion(jar.getInputStream(entry).readNBytes(8)));
                    }
                }
            }
        }

        assertThat(versions).as("the classes of %s", location).isNotEmpty();
        assertThat(versions).as("classes of %s newer than Java 21 (class file version 65)", location)
                .allSatisfy((name, version) -> assertThat(version).isLessThanOrEqualTo(JAVA_21));
    }

    /** A class file's major version: bytes 6 and 7, after the magic number and the minor version. */
    private static int classFileVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /**
     * Runs the example's {@code copy} (through {@link #RUN_COPY}) in a JVM of its own on the libraries' class path.
     *
     * @return what it printed; fails unless it exited 0 within {@link #RUN_TIMEOUT}
     */
    private String runCopy(S3Server server, String from, String to, String database) throws Exception {
        Path output = Files.createTempFile(dir, "run", ".out");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", compiled() + File.pathSeparator + libraryClassPath(), "RunCopy",
                server.endpoint().toString(), from, to, database)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("AWS_ACCESS_KEY_ID", server.accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", server.secretAccessKey());
        environment.put("AWS_REGION", server.region());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.remove("AWS_PROFILE");
        Process process = builder.start();
        boolean ended = process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output);
        assertThat(ended).as("the example ended within %s (a thread that is no daemon keeps a JVM alive): %s",
                RUN_TIMEOUT, printed).isTrue();
        assertThat(process.exitValue()).as("the example's exit code; it printed: %s", printed).isZero();
        return printed;
    }

    /** README's example and {@link #RUN_COPY}, compiled once on the libraries' class path alone. */
    private static synchronized Path compiled() throws IOException {
        if (compiled == null) {
            Matcher example = SECTION.matcher(Files.readString(Path.of("..", "README.md")));
            assertThat(example.find()).as("README has a ```java block under \"## Using the libraries\"").isTrue();
            Path sources = Files.createTempDirectory("s3conn-readme-example");
            Files.writeString(sources.resolve("CopyBucket.java"), example.group(1), StandardCharsets.UTF_8);
            Files.writeString(sources.resolve("RunCopy.java"), RUN_COPY, StandardCharsets.UTF_8);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter errors = new StringWriter();
            boolean done = javac.getTask(errors, null, null,
                    // --release 21: README says the libraries serve Java 21 programs; an example that needs a later API
                    // fails here. (javac reads newer class files all the same: the class file versions of the libraries
                    // are checked by everyLibraryClassRunsOnJava21.)
                    List.of("--release", "21", "-classpath", libraryClassPath(), "-d", sources.toString()), null,
                    javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                            .getJavaFileObjects(sources.resolve("CopyBucket.java"), sources.resolve("RunCopy.java"))).call();
            assertThat(done).as("README's example compiles on the libraries' class path: %s", errors).isTrue();
            compiled = sources;
        }
        return compiled;
    }

    /**
     * The libraries' jars and what their builds wrote as their runtime class paths ({@code library-classpath.txt},
     * see their poms): what a program that depends on them gets.
     */
    private static String libraryClassPath() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String module : LIBRARIES) {
            Path target = Path.of("..", module, "target").toAbsolutePath().normalize();
            try (Stream<Path> files = Files.list(target)) {
                entries.add(files.filter(f -> f.getFileName().toString().matches("s3conn-" + module + "-[^-]+(-SNAPSHOT)?\\.jar"))
                        .findFirst().orElseThrow(() -> new AssertionError("no jar of " + module + " in " + target))
                        .toString());
            }
            String classPath = Files.readString(target.resolve("library-classpath.txt")).strip();
            entries.addAll(List.of(classPath.split(Pattern.quote(File.pathSeparator))));
        }
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    private static long inventoryRows(String database, String bucket) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM s3_objects WHERE bucket = '" + bucket + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
