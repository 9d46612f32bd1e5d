package io.s3conn.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.destination.format.JsonLinesFormat;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import software.amazon.awssdk.services.s3.S3Client;

class FlushTimerTest {

    private static final String THREAD = "s3conn-flush-timer";

    @Test
    void aTimerWithoutAWriterIsRefusedByName() {
        assertThatThrownBy(() -> FlushTimer.start(null, Duration.ofSeconds(5)))
                .isInstanceOf(NullPointerException.class).hasMessage("writer");
    }

    @Test
    void theTimersThreadIsADaemonThatEndsOnClose() throws InterruptedException {
        // An empty writer: flushIfDue has nothing to store, so no request is sent.
        try (S3Client s3 = S3Clients.create(S3ConnectionSettings.defaults().withEndpoint(URI.create("http://127.0.0.1:9")));
             S3BatchWriter writer = new S3BatchWriter(s3, S3DestinationConfiguration.of("b", "", new JsonLinesFormat(false)),
                     batch -> { }, Clock.systemUTC())) {
            FlushTimer timer = FlushTimer.start(writer, Duration.ofMillis(100));
            Thread.sleep(50); // a tick or more: the thread exists
            List<Thread> threads = timerThreads();
            assertThat(threads).isNotEmpty().allMatch(Thread::isDaemon);

            timer.close();

            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(5));
            }
            assertThat(threads).noneMatch(Thread::isAlive);
        }
    }

    private static List<Thread> timerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(THREAD) && t.isAlive()).toList();
    }
}
