package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's launcher, {@code ./s3conn}, run from a shell whose {@code JAVA_HOME} is not a Java 25: README says it finds
 * Java 25 itself ({@code scripts/java25.sh}), so such a {@code JAVA_HOME} is passed over, not run.
 */
class LauncherScriptIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** Before, a JAVA_HOME without a release file (JAVA_HOME=/usr) was kept, and its older java failed on the JVM flags. */
    @Test
    void aJavaHomeWithoutAReleaseFileIsPassedOverForJava25() throws Exception {
        Path javaHome = olderJava(dir.resolve("usr"), null);

        Result result = s3connVersion(javaHome);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("s3conn ");
    }

    @Test
    void aJavaHomeWhoseReleaseFileNamesAnOlderJavaIsPassedOverForJava25() throws Exception {
        Path javaHome = olderJava(dir.resolve("jdk-17"), "JAVA_VERSION=\"17.0.15\"\n");

        Result result = s3connVersion(javaHome);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("s3conn ");
    }

    private record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * A JAVA_HOME whose {@code bin/java} stands for a Java older than 25: it fails as such a java fails on the
     * launcher's {@code -XX:AOTCache}; with {@code release} as its release file, or none.
     */
    private static Path olderJava(Path home, String release) throws IOException {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                echo "Unrecognized VM option (a Java older than 25 ran)" >&2
                exit 1
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        return home;
    }

    private Result s3connVersion(Path javaHome) throws Exception {
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("s3conn").toString(), "--version")
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("./s3conn --version did not finish within 2 minutes");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
