package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.glacier.RestoreStatusRule;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.source.S3Source;
import io.s3conn.testbed.S3Server;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * README's "Using the libraries" example, compiled from README.md as it stands for Java 21 and run on every S3 server
 * ({@link Fixtures#servers()}), and the libraries' class files: an example that no longer compiles or does what README
 * says, or a library no longer built for Java 21, fails here.
 */
class LibrariesReadmeIT {

    private static final Pattern SECTION = Pattern.compile("## Using the libraries\n.*?```java\n(.*?)```", Pattern.DOTALL);

    /** The class file version of Java 21. */
    private static final int JAVA_21 = 65;

    private static Method copy;

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

        copy().invoke(null, Fixtures.connection(server), from, to, database);
        copy().invoke(null, Fixtures.connection(server), from, to, database);

        List<S3Object> copies = server.client().listObjectsV2(b -> b.bucket(to)).contents();
        assertThat(copies).hasSize(1);
        String lines = server.client().getObjectAsBytes(b -> b.bucket(to).key(copies.getFirst().key())).asUtf8String();
        assertThat(lines.lines()).hasSize(3);
        assertThat(inventoryRows(database, from)).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void theExampleLeavesNoThreadThatKeepsTheJvmAlive(S3Server server) throws Exception {
        String from = Fixtures.newBucket(server, "lib-threads");
        String to = Fixtures.newBucket(server, "lib-threads-to");
        server.put(from, "k", "v", null);
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());

        copy().invoke(null, Fixtures.connection(server), from, to, "jdbc:sqlite:" + dir.resolve("threads.db"));

        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                .extracting(Thread::getName).isEmpty();
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

    /** The example's {@code copy(S3ConnectionSettings, String, String, String)}, compiled from README.md once. */
    private static synchronized Method copy() throws Exception {
        if (copy == null) {
            Matcher example = SECTION.matcher(Files.readString(Path.of("..", "README.md")));
            assertThat(example.find()).as("README has a ```java block under \"## Using the libraries\"").isTrue();
            Path sources = Files.createTempDirectory("s3conn-readme-example");
            Files.writeString(sources.resolve("CopyBucket.java"), example.group(1), StandardCharsets.UTF_8);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter errors = new StringWriter();
            boolean compiled = javac.getTask(errors, null, null,
                    // --release 21: README says the libraries serve Java 21 programs; an example that needs a later API
                    // fails here. (javac reads newer class files all the same: the class file versions of the libraries
                    // are checked by everyLibraryClassRunsOnJava21.)
                    List.of("--release", "21", "-classpath", System.getProperty("java.class.path"),
                            "-d", sources.toString()), null,
                    javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                            .getJavaFileObjects(sources.resolve("CopyBucket.java"))).call();
            assertThat(compiled).as("README's example compiles: %s", errors).isTrue();
            ClassLoader loader = new URLClassLoader(new URL[] {sources.toUri().toURL()}, LibrariesReadmeIT.class.getClassLoader());
            copy = loader.loadClass("CopyBucket")
                    .getMethod("copy", S3ConnectionSettings.class, String.class, String.class, String.class);
        }
        return copy;
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
