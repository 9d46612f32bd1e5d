package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;

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
}
