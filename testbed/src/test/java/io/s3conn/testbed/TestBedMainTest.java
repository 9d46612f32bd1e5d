package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import io.s3conn.testbed.sqs.ElasticMqServer;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.services.sqs.model.Message;

/** {@code TestBedMain serve --notifications}: the demo bucket and its queue, as README's "By hand" uses them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TestBedMainTest {

    private static TestBed tb;
    private static ElasticMqServer sqs;
    private static String queueUrl;

    @BeforeAll
    static void start() {
        tb = TestBed.start();
        sqs = ElasticMqServer.start();
        TestBedMain.seedDemo(tb);
        queueUrl = TestBedMain.demoQueue(tb, sqs);
    }

    @AfterAll
    static void stop() {
        if (sqs != null) {
            sqs.close();
        }
        if (tb != null) {
            tb.close();
        }
    }

    /** Event names of the S3 notifications arriving within {@code wait}, each message deleted. */
    private static List<String> eventNamesWithin(Duration wait) {
        List<String> names = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (Message m : sqs.client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                sqs.client().deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                if (m.body().contains("\"Records\"")) {
                    S3EventNotification.fromJson(m.body()).getRecords().forEach(r -> names.add(r.getEventName()));
                }
            }
        }
        return names;
    }

    @Test
    void the_demo_queue_receives_the_IntelligentTiering_event_of_a_move_to_an_archive_tier() {
        eventNamesWithin(Duration.ofSeconds(1)); // the test event

        tb.emulator().setArchiveStatus(TestBedMain.DEMO_BUCKET, "intelligent-tiering/frequent.dat", "ARCHIVE_ACCESS");

        assertThat(eventNamesWithin(Duration.ofSeconds(3))).containsExactly("IntelligentTiering");
    }

    @Test
    void a_message_received_three_times_is_moved_to_the_demo_queues_dead_letter_queue() {
        String body = "no S3 event " + System.nanoTime();
        sqs.client().sendMessage(m -> m.queueUrl(queueUrl).messageBody(body));

        // Received and left, as s3conn leaves a malformed message, then the receive after the last one allowed.
        for (int receive = 0; receive <= TestBedMain.DEMO_MAX_RECEIVES; receive++) {
            sqs.client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(1));
        }

        String deadLetters = sqs.createQueue(TestBedMain.DEMO_DEAD_LETTER_QUEUE);
        assertThat(sqs.client().receiveMessage(r -> r.queueUrl(deadLetters).maxNumberOfMessages(10).waitTimeSeconds(2)).messages())
                .extracting(Message::body).contains(body);
    }

    /** On a test bed of its own: the events of its changes would reach the demo queue the other tests read. */
    @Test
    void change_ends_with_the_number_of_restores_it_completed() {
        try (TestBed own = TestBed.start()) {
            TestBedMain.seedDemo(own);
            long inFlight = own.client().listObjectsV2(b -> b.bucket(TestBedMain.DEMO_BUCKET)).contents().stream()
                    .map(o -> own.client().headObject(h -> h.bucket(TestBedMain.DEMO_BUCKET).key(o.key())).restore())
                    .filter(restore -> restore != null && restore.contains("ongoing-request=\"true\"")).count();
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            int code = TestBedMain.change(own.endpoint().toString(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    System.err);

            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).last()
                    .isEqualTo("restores completed " + inFlight);
        }
    }

    @Test
    void change_against_an_endpoint_that_does_not_answer_says_so_in_one_line_and_exits_1() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = TestBedMain.change("http://127.0.0.1:" + closedPort, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("testbed: could not change the demo bucket at http://127.0.0.1:" + closedPort + ": ")
                .contains("Connection refused")
                .hasLineCount(1);
    }
}
