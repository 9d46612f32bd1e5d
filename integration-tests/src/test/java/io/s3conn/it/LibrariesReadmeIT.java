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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.testbed.S3Server;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * README's "Using the libraries" example, compiled from README.md as it stands and run on every S3 server
 * ({@link Fixtures#servers()}): an example that no longer compiles or does what README says fails here.
 */
class LibrariesReadmeIT {

    private static final Pattern SECTION = Pattern.compile("## Using the libraries\n.*?```java\n(.*?)```", Pattern.DOTALL);

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
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", sources.toString()), null,
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
