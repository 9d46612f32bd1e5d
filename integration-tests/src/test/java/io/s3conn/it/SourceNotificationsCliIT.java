package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.s3conn.core.json.Json;
import io.s3conn.testbed.FaultKind;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.events.DeliverySwitches;
import io.s3conn.testbed.sqs.CredentialRefusingSqs;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code source read --notifications sqs:<queue url>} as a user runs it, against the test bed and ElasticMQ. */
@Timeout(120)
class SourceNotificationsCliIT {

    private final TestBed bed = Fixtures.testBed();
    private final Cli cli = Cli.withTestBedCredentials();

    @Test
    void sourceReadWithNotificationsPrintsAChangeSoonAfterItHappens() throws Exception {
        String bucket = Fixtures.newBucket("cli-events");
        String queueUrl = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED);
        bed.put(bucket, "before.txt", "snapshot", null);
        Process process = cli.start("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", Fixtures.newSqliteUrl(), "--notifications", "sqs:" + queueUrl, "--reconcile-every", "1h");
        try {
            awaitOutput(process, "before.txt"); // the snapshot is done: what follows is CDC
            bed.put(bucket, "hello.txt", "hi", null);
            awaitOutput(process, "hello.txt");

            String last = Cli.read(process, "stdout").strip().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(last).as(Cli.read(process, "stderr")).contains("\"operation\":\"create\"").contains("hello.txt");
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(process.exitValue()).as(Cli.read(process, "stderr")).isZero();
        assertThat(Cli.read(process, "stderr")).as("the closing line counts the queue's messages").containsPattern(
                "s3conn: [\\d,]+ records?, [\\d,]+ CDC polls?, [\\d,]+ list requests?; [1-9][\\d,]* messages?, 0 malformed");
    }

    @Test
    void pipelineRunWithNotificationsCountsTheQueueMessagesInItsClosingLine() throws Exception {
        String bucket = Fixtures.newBucket("cli-events-pipe");
        String destination = Fixtures.newBucket("cli-events-pipe-out");
        String queueUrl = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED);
        Process process = cli.start("pipeline", "run", "--bucket", bucket, "--destination-bucket", destination,
                "--format", "json", "--endpoint-url", bed.endpoint().toString(), "--database", Fixtures.newSqliteUrl(),
                "--notifications", "sqs:" + queueUrl, "--reconcile-every", "1h");
        try {
            Thread.sleep(2000); // started: what follows is CDC from the queue
            bed.put(bucket, "hello.txt", "hi", null);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bed.client().listObjectsV2(b -> b.bucket(destination)).keyCount() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(process.exitValue()).as(Cli.read(process, "stderr")).isZero();
        assertThat(Cli.read(process, "stderr")).as("the closing line counts the queue's messages").containsPattern(
                "s3conn: 1 record, [\\d,]+ CDC polls?; [1-9][\\d,]* messages?, 0 malformed");
    }

    /**
     * Between reconciling listings, a source fed by events saves one position again and again (a key's, each time that
     * key changes; the listing's watermark, each time the queue runs dry). Before, the pipeline named each batch after
     * the saved position alone: the batch after the key's second change got the name of the batch holding that change,
     * and replaced it in the bucket, so the update was lost.
     */
    @Test
    void pipelineRunWithNotificationsKeepsEveryBatchWhenOneKeyChangesInTwoOfThem() throws Exception {
        int updates = 4; // from events, each in a batch of its own: the last ones at least follow the first listing
        String bucket = Fixtures.newBucket("cli-events-pipe-same");
        String destination = Fixtures.newBucket("cli-events-pipe-same-out");
        String queueUrl = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED);
        bed.put(bucket, "a.txt", "first", null);
        Process process = cli.start("pipeline", "run", "--bucket", bucket, "--destination-bucket", destination,
                "--format", "json", "--endpoint-url", bed.endpoint().toString(), "--database", Fixtures.newSqliteUrl(),
                "--state", "same", "--notifications", "sqs:" + queueUrl, "--reconcile-every", "1h");
        try {
            awaitStored(destination, 1); // the snapshot: what follows is CDC (the first reconciling listing may find one)
            for (int update = 1; update <= updates; update++) {
                bed.put(bucket, "a.txt", "update " + update, null);
                awaitStored(destination, 1 + update);
            }
            bed.put(bucket, "b.txt", "other", null);
            awaitStored(destination, 2 + updates);
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(process.exitValue()).as(Cli.read(process, "stderr")).isZero();
        List<String> expected = new ArrayList<>(List.of("snapshot a.txt", "create b.txt"));
        expected.addAll(Collections.nCopies(updates, "update a.txt"));
        assertThat(storedRecords(destination)).as("the records in the destination").containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * Between reconciling listings, every record events bring carries the listing's watermark and its key: when one key
     * changes again and again, as here, those positions were all alike, so the commit of a stored batch ending with
     * the key's second change in it stopped at the first one (it found the first record of that position), and every
     * record after it stayed uncommitted. Stopped then, even by SIGTERM, the next run found the key changed from what
     * the state held and emitted its latest content a second time. Each record now has a position of its own.
     *
     * <p>What the restart stores is compared, not the contents alone, so that only the stop is tested here.
     */
    @Test
    @Timeout(180)
    void aPipelineRunWithNotificationsStoppedAfterABatchEndingWithAKeysSecondChangeEmitsNoChangeTwice() throws Exception {
        int updates = 40;
        String bucket = Fixtures.newBucket("cli-events-pipe-twice");
        String destination = Fixtures.newBucket("cli-events-pipe-twice-out");
        String queueUrl = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED);
        String database = Fixtures.newSqliteUrl();
        bed.put(bucket, "a.txt", "first", null);
        // A timer cuts the batches while the changes keep coming: changes closer than the pipeline's idle flush (200 ms)
        // share a batch, so one key's changes follow each other in one.
        String[] run = {"pipeline", "run", "--bucket", bucket, "--destination-bucket", destination, "--format", "json",
                "--endpoint-url", bed.endpoint().toString(), "--database", database, "--state", "twice",
                "--notifications", "sqs:" + queueUrl, "--reconcile-every", "1h", "--flush-interval", "1s"};
        Process process = cli.start(run);
        try {
            awaitStored(destination, 1); // the snapshot: what follows is CDC
            for (int update = 1; update <= updates; update++) {
                bed.put(bucket, "a.txt", "update " + update, null);
                Thread.sleep(50);
            }
            awaitContent(destination, "update " + updates);
            awaitQueueDrained(queueUrl); // every change committed: the run has nothing left in hand
        } finally {
            process.destroy(); // SIGTERM: the run stores and commits what it holds, and ends
            process.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(process.exitValue()).as(Cli.read(process, "stderr")).isZero();
        assertThat(storedBatches(destination)).as("the stored batches").anySatisfy(batch -> assertThat(batch)
                .as("a batch ending with a second change of a.txt").hasSizeGreaterThanOrEqualTo(2)
                .endsWith("update a.txt", "update a.txt"));

        List<String> stored = storedContents(destination);

        Cli.Result restarted = cli.run(Stream.concat(Arrays.stream(run), Stream.of("--stop-when-idle")).toArray(String[]::new));

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(stored).contains("snapshot a.txt first", "update a.txt update " + updates);
        assertThat(storedContents(destination)).as("the destination after the restart: nothing stored again")
                .containsExactlyInAnyOrderElementsOf(stored);
    }

    /**
     * A pipeline fed by events, killed (SIGKILL) with a batch of event records stored in the destination and its commit
     * not yet in (another connection holds SQLite's write lock, so the commit waits). The queue's messages of those
     * changes were not deleted, and the saved position is the one before that batch: the next run's reconciling listing
     * finds the changes again and stores them under that batch's name, so the stored copy is replaced rather than kept
     * beside a second one. (The killed run's messages stay in flight until their visibility times out, and then emit
     * nothing: {@code SourceNotificationsIT} covers that redelivery.)
     */
    @Test
    @Timeout(180)
    void aPipelineRunWithNotificationsKilledBetweenStoringABatchAndCommittingItStoresEachChangeOnce() throws Exception {
        String bucket = Fixtures.newBucket("cli-events-pipe-kill");
        String destination = Fixtures.newBucket("cli-events-pipe-kill-out");
        String queueUrl = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED);
        String database = Fixtures.newSqliteUrl();
        bed.put(bucket, "a.txt", "first", null);
        String[] run = {"pipeline", "run", "--bucket", bucket, "--destination-bucket", destination, "--format", "json",
                "--endpoint-url", bed.endpoint().toString(), "--database", database, "--state", "kill",
                "--notifications", "sqs:" + queueUrl, "--reconcile-every", "1h", "--flush-interval", "1h"};
        Process first = cli.start(run);
        List<String> storedBeforeKill;
        try {
            awaitStored(destination, 1); // the snapshot
            awaitQueueDrained(queueUrl); // its object's event read: what follows comes from events
            // The lock below holds reads of the state too (each event's key is compared with it), so it is taken while
            // the batch of those events is being uploaded: events come 2 s late, and every upload takes 3 s from now.
            bed.emulator().notifications().switches(DeliverySwitches.none().delay(Duration.ofSeconds(2)));
            bed.put(bucket, "b.txt", "created", null);
            bed.put(bucket, "a.txt", "second", null);
            long puts = putRequests();
            bed.emulator().setFaults(1.0, Set.of(FaultKind.SLOW), Duration.ofSeconds(3), null, Set.of(S3Operation.PUT_OBJECT));
            awaitPutRequests(puts + 1, first);
            try (var lock = DriverManager.getConnection(database); var statement = lock.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE");
                String savedBefore = savedState(statement);
                awaitObjects(destination, 2, first); // a batch of event records stored; its commit waits for the lock
                Thread.sleep(1000);
                assertThat(savedState(statement)).as("nothing committed since the lock").isEqualTo(savedBefore);
                storedBeforeKill = objectKeys(destination);
                assertThat(storedContents(destination)).as("stored before the kill").contains("snapshot a.txt first")
                        .containsAnyOf("create b.txt created", "update a.txt second");
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                statement.execute("COMMIT");
            }
        } finally {
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            bed.emulator().clearFaults();
            bed.emulator().notifications().switches(DeliverySwitches.none());
        }

        Cli.Result restarted = cli.run(Stream.concat(Arrays.stream(run), Stream.of("--stop-when-idle")).toArray(String[]::new));

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(storedContents(destination)).as("the destination after the restart").containsExactlyInAnyOrder(
                "snapshot a.txt first", "create b.txt created", "update a.txt second");
        assertThat(objectKeys(destination)).as("the batch stored before the kill, replaced").containsAll(storedBeforeKill);
    }

    /** The saved state of the pipeline's source ({@code source:kill}), read inside the lock's transaction. */
    private static String savedState(java.sql.Statement statement) throws java.sql.SQLException {
        try (var rows = statement.executeQuery("SELECT state FROM s3conn_checkpoints WHERE name = 'source:kill'")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private long putRequests() {
        return bed.emulator().stats().requests().get(S3Operation.PUT_OBJECT);
    }

    /** Waits (30 s at most) until the test bed received {@code count} PutObject requests, failing if {@code running} ended. */
    private void awaitPutRequests(long count, Process running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (putRequests() < count) {
            assertThat(running.isAlive()).as(Cli.read(running, "stderr")).isTrue();
            assertThat(System.nanoTime()).as("no upload within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Waits (30 s at most) until {@code bucket} holds {@code count} objects, failing if {@code running} ended. */
    private void awaitObjects(String bucket, int count, Process running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (bed.client().listObjectsV2(b -> b.bucket(bucket)).keyCount() < count) {
            assertThat(running.isAlive()).as(Cli.read(running, "stderr")).isTrue();
            assertThat(System.nanoTime()).as("fewer than " + count + " objects stored within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private List<String> objectKeys(String bucket) {
        return bed.client().listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }


    /** Waits (15 s at most) until the queue holds no message, in flight or not. */
    private static void awaitQueueDrained(String queueUrl) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Map<QueueAttributeName, String> left = Fixtures.sqs().client().getQueueAttributes(a -> a.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (left.values().stream().allMatch("0"::equals)) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private void awaitContent(String destination, String content) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (storedContents(destination).stream().noneMatch(record -> record.endsWith(" " + content))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** "operation key content" of every record stored in {@code destination}'s JSON-lines objects. */
    private List<String> storedContents(String destination) throws Exception {
        List<String> records = new ArrayList<>();
        for (List<JsonNode> batch : storedLines(destination)) {
            for (JsonNode record : batch) {
                String after = new String(Base64.getDecoder().decode(record.path("payload").path("after").asText()),
                        StandardCharsets.UTF_8);
                records.add(record.path("operation").asText() + " " + record.path("metadata").path("s3.key").asText()
                        + " " + after);
            }
        }
        return records;
    }

    /** "operation key" of the records of each object stored in {@code destination}, in the order written there. */
    private List<List<String>> storedBatches(String destination) throws Exception {
        return storedLines(destination).stream().map(batch -> batch.stream()
                .map(record -> record.path("operation").asText() + " " + record.path("metadata").path("s3.key").asText())
                .toList()).toList();
    }

    private List<List<JsonNode>> storedLines(String destination) throws Exception {
        List<List<JsonNode>> batches = new ArrayList<>();
        for (S3Object object : bed.client().listObjectsV2(b -> b.bucket(destination)).contents()) {
            String lines = bed.client().getObjectAsBytes(b -> b.bucket(destination).key(object.key())).asUtf8String();
            List<JsonNode> batch = new ArrayList<>();
            for (String line : lines.lines().toList()) {
                batch.add(Json.mapper().readTree(line));
            }
            batches.add(batch);
        }
        return batches;
    }

    private void awaitStored(String destination, int records) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (storedRecords(destination).size() < records && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** "operation key" of every record stored in {@code destination}'s JSON-lines objects. */
    private List<String> storedRecords(String destination) throws Exception {
        List<String> records = new ArrayList<>();
        for (S3Object object : bed.client().listObjectsV2(b -> b.bucket(destination)).contents()) {
            String lines = bed.client().getObjectAsBytes(b -> b.bucket(destination).key(object.key())).asUtf8String();
            for (String line : lines.lines().toList()) {
                JsonNode record = Json.mapper().readTree(line);
                records.add(record.path("operation").asText() + " " + record.path("metadata").path("s3.key").asText());
            }
        }
        return records;
    }

    /**
     * Before, a reconciling listing that found nothing new (the snapshot had emitted both objects) ended the run at
     * once: the queue's messages of those objects were never read, so they stayed for every such run to receive in
     * turn, and for the redrive policy to dead-letter.
     */
    @Test
    void sourceReadStoppedWhenIdleDeletesTheQueuedMessagesOfObjectsItHadAlreadyEmitted() throws Exception {
        String bucket = Fixtures.newBucket("cli-events-idle");
        String queueUrl = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED);
        bed.put(bucket, "a.txt", "a", null);
        bed.put(bucket, "b.txt", "b", null);
        assertThat(bed.emulator().notifications().awaitDelivered(Duration.ofSeconds(10))).isTrue();

        Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", Fixtures.newSqliteUrl(), "--state", "idle", "--notifications", "sqs:" + queueUrl,
                "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"operation\":\"snapshot\""));
        assertThat(result.stderr()).as("the closing line").containsPattern("; [1-9][\\d,]* messages?, 0 malformed");
        Map<QueueAttributeName, String> left = Fixtures.sqs().client().getQueueAttributes(a -> a.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertThat(left).as("messages left in the queue").containsOnly(
                Map.entry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"),
                Map.entry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }

    /** Before, the run waited out a 20 s long poll for the empty receive that says the queue ran dry. */
    @Test
    void sourceReadStoppedWhenIdleStopsWithinSecondsOfTheQueueRunningDry() throws Exception {
        String bucket = Fixtures.newBucket("cli-events-idle-soon");
        String queueUrl = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED);
        String database = Fixtures.newSqliteUrl();
        String[] run = {"source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "soon", "--notifications", "sqs:" + queueUrl, "--stop-when-idle"};
        assertThat(cli.run(run).exitCode()).isZero(); // the state, of an empty bucket
        bed.put(bucket, "new.txt", "new", null);
        assertThat(bed.emulator().notifications().awaitDelivered(Duration.ofSeconds(10))).isTrue();

        long started = System.nanoTime();
        Cli.Result result = cli.run(run);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("\"operation\":\"create\"").hasLineCount(1);
        assertThat(took).as("the run, a JVM's start included").isLessThan(Duration.ofSeconds(12));
    }

    private static void awaitOutput(Process process, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Cli.read(process, "stdout").contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    void aNotificationsValueThatIsNoSqsUrlIsAUsageError() {
        Cli.Result result = cli.run("source", "read", "--bucket", "any", "--endpoint-url", bed.endpoint().toString(),
                "--database", Fixtures.newSqliteUrl(), "--notifications", "https://example.com/queue");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("s3conn: --notifications must be sqs:<queue url>").contains(", was: https://example.com/queue");
    }

    @Test
    void aQueueThatDoesNotExistEndsTheRunAtOnceWithOneLine() {
        String bucket = Fixtures.newBucket("cli-no-queue");
        bed.put(bucket, "a.txt", "a", null);
        String missing = Fixtures.sqs().endpoint().resolve("/000000000000/no-such-queue").toString();

        Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--notifications", "sqs:" + missing, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr().strip()).isEqualTo("s3conn: queue " + missing + " does not exist");
        assertThat(result.stdout()).as("nothing read before the queue answered").isEmpty();
    }

    /** Before, {@code --state} opened the database before the queue answered: a wrong queue left an empty SQLite file. */
    @Test
    void sourceReadWithStateAndAQueueThatDoesNotExistCreatesNoDatabaseFile() {
        String bucket = Fixtures.newBucket("cli-no-queue-state");
        String missing = Fixtures.sqs().endpoint().resolve("/000000000000/no-such-queue").toString();
        String database = Fixtures.newSqliteUrl();

        Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "s", "--notifications", "sqs:" + missing, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    /** Before, the pipeline opened the database before the queue answered: a wrong queue left an empty SQLite file. */
    @Test
    void pipelineRunWithAQueueThatDoesNotExistCreatesNoDatabaseFile() {
        String bucket = Fixtures.newBucket("cli-no-queue-pipe");
        String destination = Fixtures.newBucket("cli-no-queue-pipe-out");
        String missing = Fixtures.sqs().endpoint().resolve("/000000000000/no-such-queue").toString();
        String database = Fixtures.newSqliteUrl();

        Cli.Result result = cli.run("pipeline", "run", "--bucket", bucket, "--destination-bucket", destination,
                "--format", "json", "--endpoint-url", bed.endpoint().toString(), "--database", database,
                "--notifications", "sqs:" + missing, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    /**
     * The S3 endpoint's URL given for the queue's. Before, the S3 server's refusal of a request signed for SQS was
     * reported as a refusal of the credentials (exit 3), which sent the user after the wrong thing.
     */
    @Test
    void sourceReadWithTheS3EndpointAsItsQueueSaysInOneLineThatItIsNoSqsQueueAndExitsTwo() {
        String bucket = Fixtures.newBucket("cli-queue-is-s3");
        bed.put(bucket, "a.txt", "a", null);
        String notQueue = bed.endpoint().resolve("/000000000000/" + bucket).toString();

        Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--notifications", "sqs:" + notQueue, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().strip()).matches("s3conn: queue URL \\Q" + notQueue + "\\E did not answer as an SQS queue "
                + "\\(HTTP 4\\d\\d without an SQS error code\\): check that it is the queue's URL, not the S3 endpoint's");
        assertThat(result.stdout()).as("nothing read before the queue answered").isEmpty();
    }

    @Test
    void pipelineRunWithTheS3EndpointAsItsQueueSaysInOneLineThatItIsNoSqsQueueAndExitsTwo() {
        String bucket = Fixtures.newBucket("cli-queue-is-s3-pipe");
        String destination = Fixtures.newBucket("cli-queue-is-s3-pipe-out");
        String notQueue = bed.endpoint().resolve("/000000000000/" + bucket).toString();

        Cli.Result result = cli.run("pipeline", "run", "--bucket", bucket, "--destination-bucket", destination,
                "--format", "json", "--endpoint-url", bed.endpoint().toString(), "--database", Fixtures.newSqliteUrl(),
                "--notifications", "sqs:" + notQueue, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().strip()).startsWith("s3conn: queue URL " + notQueue + " did not answer as an SQS queue")
                .hasLineCount(1);
    }

    /**
     * Amazon SQS's refusals of credentials, which ElasticMQ never answers. Before, each was "check the credentials and
     * their permissions", which did not say which of them was wrong, and a refusal answered with another status than 403
     * (UnrecognizedClientException is 400 in the AWS JSON protocol of other services) was retried or exited 1.
     */
    @ParameterizedTest
    @EnumSource(CredentialRefusingSqs.Refusal.class)
    void aQueueRefusingTheCredentialsEndsTheRunWithOneLineSayingWhichIsWrongAndExitCode3(CredentialRefusingSqs.Refusal refusal) {
        String bucket = Fixtures.newBucket("cli-queue-refuses");
        bed.put(bucket, "a.txt", "a", null);
        try (CredentialRefusingSqs sqs = CredentialRefusingSqs.start(refusal)) {
            String queue = sqs.queueUrl("q");

            Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                    "--notifications", "sqs:" + queue, "--stop-when-idle");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
            assertThat(result.stderr().strip()).isEqualTo("s3conn: access refused to queue " + queue + ": "
                    + Fixtures.credentialRefusal(refusal));
            assertThat(result.stdout()).as("nothing read before the queue answered").isEmpty();
        }
    }

    @Test
    void aQueueWhoseEndpointDoesNotAnswerEndsTheRunWithExitCode4() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String queue = "http://127.0.0.1:" + closed + "/000000000000/q";
        String bucket = Fixtures.newBucket("cli-queue-unreachable");

        Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--notifications", "sqs:" + queue, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.stderr().strip()).startsWith("s3conn: cannot reach queue " + queue + ": ConnectException").hasLineCount(1);
    }

    /**
     * A server that takes the connection and never answers (a hung or stopped process): before, the check waited 4
     * attempts of the receives' 40 s, about 2.7 minutes without a word; now its 30 s at most.
     */
    @Test
    void aQueueWhoseServerTakesTheConnectionAndNeverAnswersEndsTheRunWithExitCode4WithinTheChecksTimeout() throws Exception {
        // Never accepted: the kernel completes the connections, and the request sent on one waits for ever.
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String queue = "http://127.0.0.1:" + silent.getLocalPort() + "/000000000000/q";
            String bucket = Fixtures.newBucket("cli-queue-silent");
            long started = System.nanoTime();

            Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                    "--notifications", "sqs:" + queue, "--stop-when-idle");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
            assertThat(result.stderr().strip()).as(result.toString()).startsWith("s3conn: cannot reach queue " + queue).hasLineCount(1);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(90));
        }
    }
}
