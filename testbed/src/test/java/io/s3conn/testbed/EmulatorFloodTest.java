package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The emulator under a flood of listings that its upstream does not answer yet, as S3Proxy under a thousand listings
 * at once (each costs it CPU over the whole bucket). The upstream is a loopback HTTP server that holds every listing
 * until the test ends and answers anything else at once.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EmulatorFloodTest {

    /** More than the 64 threads the emulator once had for all its exchanges. */
    private static final int FLOOD = 100;

    private final CountDownLatch answerListings = new CountDownLatch(1);
    private final AtomicInteger listingsInProgress = new AtomicInteger();
    private final AtomicInteger peakListings = new AtomicInteger();
    private final HttpServer upstream = startUpstream();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private ArchiveEmulator emulator;

    @AfterEach
    void stop() {
        answerListings.countDown();
        if (emulator != null) {
            emulator.close();
        }
        upstream.stop(0);
        http.close();
    }

    @Test
    void a_head_is_answered_while_a_flood_of_listings_waits_for_the_upstream() throws Exception {
        emulator = ArchiveEmulator.start(0, upstream.getAddress().getPort());
        flood(FLOOD);
        awaitListingsInProgress(ArchiveEmulator.LISTINGS_AT_ONCE);

        HttpResponse<Void> head = http.send(request("/demo/some-key").timeout(Duration.ofSeconds(5))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(head.statusCode()).isEqualTo(200);
    }

    @Test
    void a_flood_of_listings_reaches_the_upstream_only_a_few_at_once() throws Exception {
        emulator = ArchiveEmulator.start(0, upstream.getAddress().getPort());
        flood(FLOOD);
        awaitListingsInProgress(ArchiveEmulator.LISTINGS_AT_ONCE);

        Thread.sleep(500); // time for more to arrive, had the emulator let them through

        assertThat(peakListings.get()).isEqualTo(ArchiveEmulator.LISTINGS_AT_ONCE);
    }

    @Test
    void a_listing_that_waited_too_long_for_the_upstream_is_answered_slow_down() throws Exception {
        emulator = ArchiveEmulator.start(0, upstream.getAddress().getPort(), Duration.ofMillis(300));
        flood(ArchiveEmulator.LISTINGS_AT_ONCE);
        awaitListingsInProgress(ArchiveEmulator.LISTINGS_AT_ONCE);

        HttpResponse<String> listing = http.send(request("/demo?list-type=2").timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(listing.statusCode()).isEqualTo(503);
        assertThat(listing.body()).contains("<Code>SlowDown</Code>");
    }

    private void flood(int listings) {
        for (int i = 0; i < listings; i++) {
            http.sendAsync(request("/demo?list-type=2&start-after=k" + i).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(emulator.endpoint() + pathAndQuery));
    }

    private void awaitListingsInProgress(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listingsInProgress.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(listingsInProgress.get()).as("listings the upstream holds").isGreaterThanOrEqualTo(count);
    }

    private HttpServer startUpstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.createContext("/", this::answer);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        } catch (IOException e) {
            throw new AssertionError("cannot start the upstream", e);
        }
    }

    /** Holds a listing until the test ends; answers anything else at once, with no body. */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.contains("list-type")) {
                peakListings.accumulateAndGet(listingsInProgress.incrementAndGet(), Math::max);
                try {
                    answerListings.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    listingsInProgress.decrementAndGet();
                }
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }
}
