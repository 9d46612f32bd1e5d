package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.json.Json;
import io.s3conn.core.record.RecordJson;
import io.s3conn.core.s3.S3Endpoint;
import io.s3conn.core.state.JdbcCheckpointStore;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.regions.Region;

/**
 * One database given to two S3 servers that each hold a bucket of the same name, on SQLite and PostgreSQL.
 * Checkpoints and rows are kept by bucket and prefix: before the endpoint was recorded with them, the second
 * server's listing was compared with the first one's rows without a word. Now a run says so in one warning line, and
 * goes on (the same server under another address, or a migrated bucket, is legitimate).
 */
class TwoServersOneDatabaseCliIT {

    private final TestBed first = Fixtures.testBed();
    private final TestBed second = Fixtures.secondTestBed();
    private final Cli cli = Cli.withTestBedCredentials();

    static Stream<Named<Supplier<String>>> databases() {
        return Stream.of(Named.of("SQLite", Fixtures::newSqliteUrl),
                Named.of("PostgreSQL", () -> Fixtures.postgres().freshDatabase()));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anInventorySyncOfTheSameBucketOnAnotherServerWarnsNamingBothAndBringsTheTableToThatServer(
            Supplier<String> databases) {
        String database = databases.get();
        String bucket = sameBucketOnBoth("two-servers-sync");
        first.putMany(bucket, List.of("a", "b"), 2);
        second.put(bucket, "c", "c", null);
        assertThat(sync(first, bucket, database).exitCode()).isZero();

        Cli.Result result = sync(second, bucket, database);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).hasLineCount(1)
                .contains("the inventory of s3://" + bucket + "/ was recorded from endpoint " + label(first)
                        + " and is now read from " + label(second))
                .contains("give each server a database of its own");
        assertThat(new InventoryRun(database).liveKeys(bucket)).containsExactly("c");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSourceStateSavedReadingOneServerWarnsReadingAnotherAndEmitsWhatDiffers(Supplier<String> databases) {
        String database = databases.get();
        String bucket = sameBucketOnBoth("two-servers-source");
        first.putMany(bucket, List.of("a", "b"), 2);
        second.put(bucket, "c", "c", null);
        assertThat(read(first, bucket, database).exitCode()).isZero();

        Cli.Result result = read(second, bucket, database);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines().filter(line -> !line.isBlank()).map(RecordJson::read).toList())
                .as(result.toString())
                .extracting(r -> r.operation().wireName() + " " + new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("delete a", "delete b", "create c");
        assertThat(result.stderr().lines().filter(line -> line.contains("WARN"))).as(result.toString()).singleElement()
                .asString().contains("state copy of s3://" + bucket + "/ was recorded from endpoint " + label(first)
                        + " and is now read from " + label(second));
    }

    /** A database written before endpoints were recorded: the next sync takes its endpoint without a word. */
    @ParameterizedTest
    @MethodSource("databases")
    void aCheckpointWithoutARecordedEndpointTakesTheEndpointOfItsNextSyncAndWarnsOnlyOfAnother(
            Supplier<String> databases) {
        String database = databases.get();
        String bucket = sameBucketOnBoth("two-servers-upgrade");
        first.put(bucket, "a", "a", null);
        second.put(bucket, "c", "c", null);
        assertThat(sync(first, bucket, database).exitCode()).isZero();
        forgetEndpoint(database, "inventory:" + bucket + ":");

        Cli.Result upgraded = sync(first, bucket, database);
        Cli.Result other = sync(second, bucket, database);

        assertThat(upgraded.exitCode()).as(upgraded.toString()).isZero();
        assertThat(upgraded.stderr()).as(upgraded.toString()).isEmpty();
        assertThat(other.exitCode()).as(other.toString()).isZero();
        assertThat(other.stderr()).as(other.toString()).contains("was recorded from endpoint " + label(first));
    }

    private Cli.Result sync(TestBed server, String bucket, String database) {
        return cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", server.endpoint().toString(),
                "--database", database);
    }

    private Cli.Result read(TestBed server, String bucket, String database) {
        return cli.run("source", "read", "--bucket", bucket, "--endpoint-url", server.endpoint().toString(),
                "--database", database, "--state", "copy", "--stop-when-idle",
                // A poll that finds changes is followed by the idle one that ends the run a period later.
                "--polling-period", "100ms");
    }

    /** A bucket of one name on both servers: what two servers of one user often have (backups, demo). */
    private String sameBucketOnBoth(String purpose) {
        String bucket = Fixtures.newBucket(first, purpose);
        second.createBucket(bucket);
        return bucket;
    }

    private static String label(TestBed server) {
        return S3Endpoint.of(Optional.of(URI.create(server.endpoint().toString())), Region.US_EAST_1).label();
    }

    /** The checkpoint as versions before this one wrote it: without an endpoint. */
    private static void forgetEndpoint(String database, String name) {
        try (Database db = Database.open(database)) {
            JdbcCheckpointStore store = new JdbcCheckpointStore(db);
            ObjectNode checkpoint = (ObjectNode) Json.readOne(store.load(name).orElseThrow()).orElseThrow();
            assertThat(checkpoint.remove("endpoint")).isNotNull();
            store.save(name, checkpoint.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
