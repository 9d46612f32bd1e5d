package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * README's first command, {@code ./demo.sh}, run as a newcomer runs it (its own test bed, the packaged app through
 * {@code ./s3conn}), once for the class: what it prints must hold together, the second sync writing exactly the
 * changes the script says it made.
 */
class DemoScriptIT {

    private static final Pattern SYNCED = Pattern.compile(
            "synced s3://demo/: ([\\d,]+) objects? .*?; changed ([\\d,]+) \\(new ([\\d,]+), updated ([\\d,]+)\\), deleted ([\\d,]+);");
    private static final Pattern COMPLETED = Pattern.compile("^restores completed (\\d+)$", Pattern.MULTILINE);

    @TempDir
    static Path dir;

    private static int exitCode;
    private static String stdout;
    private static String stderr;

    @BeforeAll
    static void runTheDemo() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path out = dir.resolve("demo.out");
        Path err = dir.resolve("demo.err");
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("demo.sh").toString())
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        // A newcomer's shell: no AWS or s3conn settings of the machine running the tests.
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("S3CONN_"));
        builder.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        builder.environment().put("S3CONN_DEMO_DB", dir.resolve("demo.db").toString());
        Process process = builder.start();
        // The Maven run packaged the app and the test bed already: the script finds them fresh and builds nothing.
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("demo.sh did not finish within 3 minutes");
        }
        exitCode = process.exitValue();
        stdout = Files.readString(out, StandardCharsets.UTF_8);
        stderr = Files.readString(err, StandardCharsets.UTF_8);
    }

    @Test
    void theDemoEndsWithExitCodeZeroAndNothingOnStderr() {
        assertThat(exitCode).as(stderr).isZero();
        assertThat(stderr).as(stdout).isEmpty();
    }

    @Test
    void theFirstSyncWritesEveryObjectItListed() {
        Matcher first = syncs().get(0);

        assertThat(first.group(2)).isEqualTo(first.group(1));
        assertThat(first.group(3)).isEqualTo(first.group(1));
        assertThat(first.group(5)).isEqualTo("0");
    }

    @Test
    void theSecondSyncWritesExactlyTheChangesTheScriptMade() {
        Matcher second = syncs().get(1);
        long overwritten = stdout.lines().filter(line -> line.startsWith("overwritten ")).count();
        long deleted = stdout.lines().filter(line -> line.startsWith("deleted ")).count();
        long added = stdout.lines().filter(line -> line.startsWith("added ")).count();
        Matcher completed = COMPLETED.matcher(stdout);
        assertThat(completed.find()).as(stdout).isTrue();

        assertThat(Long.parseLong(second.group(3))).isEqualTo(added);
        assertThat(Long.parseLong(second.group(4))).isEqualTo(overwritten + Long.parseLong(completed.group(1)));
        assertThat(Long.parseLong(second.group(5))).isEqualTo(deleted);
    }

    @Test
    void theTableShowsTheDeletedObjectWithItsDeletionTime() {
        String deletedKey = stdout.lines().filter(line -> line.startsWith("deleted ")).findFirst().orElseThrow()
                .substring("deleted ".length());
        String lastTable = stdout.substring(stdout.lastIndexOf("deleted rows included"));

        assertThat(lastTable.lines().filter(line -> line.startsWith(deletedKey + " ")).findFirst())
                .hasValueSatisfying(row -> assertThat(row).containsPattern("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\s*$"));
    }

    @Test
    void theStateIsTheInventoryCheckpointOfTheDemoBucketAsJson() throws Exception {
        String json = stdout.substring(stdout.indexOf("== s3conn inventory state") + "== s3conn inventory state".length(),
                stdout.indexOf("The inventory is in"));

        JsonNode state = new ObjectMapper().readTree(json).get("inventory:demo:");

        assertThat(state.get("bucket").asText()).isEqualTo("demo");
        assertThat(state.get("lastCompleted").get("counters").get("deleted").asLong())
                .isEqualTo(Long.parseLong(syncs().get(1).group(5)));
    }

    /** The summary lines of the two syncs, in order, matched by {@link #SYNCED}. */
    private static List<Matcher> syncs() {
        List<Matcher> syncs = stdout.lines().map(SYNCED::matcher).filter(Matcher::find).toList();
        assertThat(syncs).as(stdout).hasSize(2);
        return syncs;
    }
}
