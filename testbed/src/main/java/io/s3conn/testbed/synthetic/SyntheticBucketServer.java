package io.s3conn.testbed.synthetic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.s3conn.testbed.WireText;

/**
 * A synthetic S3 service on loopback that serves buckets of millions of generated keys for listing at
 * scale, where S3Proxy would rescan its store for every page: ListObjectsV2 ({@code prefix},
 * {@code delimiter}, {@code start-after}, {@code continuation-token}, {@code max-keys},
 * {@code encoding-type=url}; {@code fetch-owner} ignored), ListObjectVersions ({@code key-marker},
 * {@code version-id-marker}; one version per key) and HEAD object. Everything else answers 501.
 *
 * <p>Path-style addressing only. Any credentials are accepted (signatures are not verified). Each
 * request runs on its own virtual thread, so dozens of listings are served at once while each waits out
 * the configured {@linkplain SyntheticServerSettings latency and service time}.
 */
public final class SyntheticBucketServer implements AutoCloseable {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final int MAX_KEYS = 1000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, SyntheticBucket> buckets;
    private volatile SyntheticServerSettings settings;
    /** Listing requests being served, when {@link SyntheticServerSettings#listWorkers()} bounds them. */
    private volatile Optional<Semaphore> listWorkers = Optional.empty();
    private volatile Random throttleChoice;
    private final LongAdder listObjectsV2 = new LongAdder();
    private final LongAdder listObjectVersions = new LongAdder();
    private final LongAdder headObject = new LongAdder();
    private final LongAdder other = new LongAdder();
    private final LongAdder slowDowns = new LongAdder();
    private final AtomicInteger listsInProgress = new AtomicInteger();
    private final AtomicInteger peakConcurrentLists = new AtomicInteger();
    private final AtomicLong requestIds = new AtomicLong();

    private SyntheticBucketServer(HttpServer server, ExecutorService executor, Map<String, SyntheticBucket> buckets,
                                  SyntheticServerSettings settings) {
        this.server = server;
        this.executor = executor;
        this.buckets = buckets;
        configure(settings);
    }

    /** Serves {@code buckets} on a free loopback port. */
    public static SyntheticBucketServer start(SyntheticServerSettings settings, SyntheticBucket... buckets) {
        return start(0, settings, List.of(buckets));
    }

    /**
     * Serves, with {@linkplain SyntheticServerSettings#immediate() immediate} answers, one bucket of {@code keys}
     * keys for each {@linkplain SyntheticLayout#NAMES layout}, named after it, then {@code more}: the shared
     * fixture of the tests that run a listing over every layout.
     */
    public static SyntheticBucketServer startWithEveryLayout(long keys, SyntheticBucket... more) {
        List<SyntheticBucket> buckets = new ArrayList<>();
        for (String layout : SyntheticLayout.NAMES) {
            buckets.add(new SyntheticBucket(layout, SyntheticLayout.named(layout, keys)));
        }
        buckets.addAll(List.of(more));
        return start(0, SyntheticServerSettings.immediate(), buckets);
    }

    /** Serves {@code buckets} on {@code 127.0.0.1:port} (0 for a free port). */
    public static SyntheticBucketServer start(int port, SyntheticServerSettings settings,
                                              List<SyntheticBucket> buckets) {
        Map<String, SyntheticBucket> byName = new HashMap<>();
        for (SyntheticBucket bucket : buckets) {
            if (byName.put(bucket.name(), bucket) != null) {
                throw new IllegalArgumentException("two buckets named " + bucket.name());
            }
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            SyntheticBucketServer synthetic = new SyntheticBucketServer(server, executor, Map.copyOf(byName), settings);
            server.createContext("/", synthetic::handle);
            server.setExecutor(executor);
            server.start();
            return synthetic;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the synthetic bucket server on port " + port, e);
        }
    }

    /** Where clients send requests (path-style). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Changes latency, service time and throttling for the requests that arrive from now on. */
    public void configure(SyntheticServerSettings newSettings) {
        this.throttleChoice = new Random(Objects.requireNonNull(newSettings, "settings").seed());
        this.listWorkers = newSettings.listWorkers() == 0 ? Optional.empty()
                : Optional.of(new Semaphore(newSettings.listWorkers(), true));
        this.settings = newSettings;
    }

    public SyntheticServerSettings settings() {
        return settings;
    }

    /**
     * The ListObjectsV2 requests a sequential listing of all of {@code bucket} sends at {@code pageSize} keys a page:
     * what a walk of it cannot do with less (one for an empty bucket, whose only page is empty).
     */
    public long sequentialListings(String bucket, int pageSize) {
        long keys = Optional.ofNullable(buckets.get(bucket))
                .orElseThrow(() -> new IllegalArgumentException("no bucket " + bucket)).layout().size();
        return Math.max(1, (keys + pageSize - 1) / pageSize);
    }

    public SyntheticStats stats() {
        return new SyntheticStats(listObjectsV2.sum(), listObjectVersions.sum(), headObject.sum(), other.sum(),
                slowDowns.sum(), peakConcurrentLists.get());
    }

    public void resetStats() {
        for (LongAdder counter : List.of(listObjectsV2, listObjectVersions, headObject, other, slowDowns)) {
            counter.reset();
        }
        peakConcurrentLists.set(listsInProgress.get());
    }

    /**
     * Back to {@linkplain SyntheticServerSettings#immediate() immediate} answers and zero statistics: what each
     * test of a class sharing one server starts from, whatever the test before it configured.
     */
    public void reset() {
        configure(SyntheticServerSettings.immediate());
        resetStats();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- request handling ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            Reply reply;
            try {
                reply = answer(exchange.getRequestMethod(), exchange.getRequestURI());
            } catch (IllegalArgumentException e) {
                reply = error(400, "InvalidArgument", e.getMessage(), exchange.getRequestURI().getRawPath());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            send(exchange, reply);
        }
    }

    private record Reply(int status, Map<String, String> headers, byte[] body) {
    }

    private Reply answer(String method, URI uri) throws InterruptedException {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        int slash = path.indexOf('/');
        String bucketName = WireText.decodePath(slash < 0 ? path : path.substring(0, slash));
        String key = slash < 0 || slash == path.length() - 1 ? null : WireText.decodePath(path.substring(slash + 1));
        Map<String, String> query = parseQuery(uri.getRawQuery());
        SyntheticBucket bucket = buckets.get(bucketName);
        boolean listV2 = method.equals("GET") && key == null && "2".equals(query.get("list-type"));
        boolean listVersions = method.equals("GET") && key == null && query.containsKey("versions");
        boolean head = method.equals("HEAD") && key != null && query.isEmpty();
        if (!listV2 && !listVersions && !head) {
            other.increment();
            sleep(settings.latency());
            if (method.equals("HEAD") && key == null && bucket != null) {
                return new Reply(200, Map.of(), new byte[0]);
            }
            return error(501, "NotImplemented", "the synthetic bucket serves only listings and HEAD", "/" + path);
        }
        if (bucket == null) {
            sleep(settings.latency());
            return error(404, "NoSuchBucket", "The specified bucket does not exist", "/" + bucketName);
        }
        if (head) {
            headObject.increment();
            sleep(settings.latency());
            return headObject(bucket, key);
        }
        return listing(bucket, query, listV2);
    }

    private Reply listing(SyntheticBucket bucket, Map<String, String> query, boolean v2) throws InterruptedException {
        SyntheticServerSettings current = settings;
        int inProgress = listsInProgress.incrementAndGet();
        peakConcurrentLists.accumulateAndGet(inProgress, Math::max);
        try {
            sleep(current.latency());
            serve(current.listServiceTime());
            if (current.slowDownRate() > 0 && throttleChoice.nextDouble() < current.slowDownRate()) {
                slowDowns.increment();
                return error(503, "SlowDown", "Please reduce your request rate.", "/" + bucket.name());
            }
            String prefix = query.getOrDefault("prefix", "");
            Optional<String> delimiter = Optional.ofNullable(query.get("delimiter")).filter(d -> !d.isEmpty());
            int maxKeys = maxKeys(query.get("max-keys"));
            SyntheticXml.Encoding encoding = new SyntheticXml.Encoding("url".equals(query.get("encoding-type")));
            if (v2) {
                listObjectsV2.increment();
                Optional<String> startAfter = Optional.ofNullable(query.get("start-after")).filter(s -> !s.isEmpty());
                Optional<String> token = Optional.ofNullable(query.get("continuation-token"));
                // The token is where the previous page ended; it takes precedence over start-after.
                Optional<String> resume = token.isPresent() ? token.map(SyntheticBucketServer::decodeToken) : startAfter;
                SyntheticBucket.Page page = bucket.list(prefix, delimiter, resume, maxKeys);
                Optional<String> next = page.truncated()
                        ? page.lastItem().map(SyntheticBucketServer::encodeToken) : Optional.empty();
                return xml(SyntheticXml.listObjectsV2(bucket, page, prefix, delimiter, startAfter, token, next,
                        maxKeys, encoding));
            }
            listObjectVersions.increment();
            Optional<String> keyMarker = Optional.ofNullable(query.get("key-marker")).filter(s -> !s.isEmpty());
            Optional<String> versionIdMarker = Optional.ofNullable(query.get("version-id-marker"))
                    .filter(s -> !s.isEmpty());
            // One version per key: whatever the version-id marker, the key marker's versions are all listed.
            SyntheticBucket.Page page = bucket.list(prefix, delimiter, keyMarker, maxKeys);
            return xml(SyntheticXml.listObjectVersions(bucket, page, prefix, delimiter, keyMarker, versionIdMarker,
                    maxKeys, encoding));
        } finally {
            listsInProgress.decrementAndGet();
        }
    }

    private Reply headObject(SyntheticBucket bucket, String key) {
        OptionalLong index = bucket.indexOf(key);
        if (index.isEmpty()) {
            return new Reply(404, Map.of("x-amz-request-id", requestId()), new byte[0]);
        }
        long i = index.getAsLong();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Length", Long.toString(bucket.size(i)));
        headers.put("ETag", bucket.eTag(i));
        headers.put("Last-Modified", HTTP_DATE.format(bucket.lastModified(i)));
        headers.put("x-amz-version-id", bucket.versionId(i));
        headers.put("Content-Type", "application/octet-stream");
        headers.put("x-amz-request-id", requestId());
        return new Reply(200, headers, new byte[0]);
    }

    private static int maxKeys(String value) {
        if (value == null) {
            return MAX_KEYS;
        }
        try {
            int maxKeys = Integer.parseInt(value);
            if (maxKeys < 0) {
                throw new IllegalArgumentException("max-keys cannot be negative");
            }
            return Math.min(maxKeys, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("max-keys is not a number: " + value);
        }
    }

    private Reply xml(byte[] body) {
        return new Reply(200, Map.of("Content-Type", "application/xml", "x-amz-request-id", requestId()), body);
    }

    private Reply error(int status, String code, String message, String resource) {
        String requestId = requestId();
        return new Reply(status, Map.of("Content-Type", "application/xml", "x-amz-request-id", requestId),
                SyntheticXml.error(code, message, resource, requestId));
    }

    private String requestId() {
        return String.format(Locale.ROOT, "SYNTHETIC%07X", requestIds.incrementAndGet() & 0xFFFFFFFL);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        if (exchange.getRequestMethod().equals("HEAD")) {
            // HttpServer computes no Content-Length for HEAD; the one set above stays.
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        // -1 means "no body" to HttpServer; 0 would mean chunked.
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) {
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(reply.body());
            }
        }
    }

    /** Takes {@code serviceTime} of a listing worker's time, waiting in line for one when all are busy. */
    private void serve(Duration serviceTime) throws InterruptedException {
        Optional<Semaphore> workers = listWorkers;
        if (workers.isEmpty()) {
            sleep(serviceTime);
            return;
        }
        workers.get().acquire();
        try {
            sleep(serviceTime);
        } finally {
            workers.get().release();
        }
    }

    private static void sleep(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay);
        }
    }

    /** Continuation tokens are opaque to clients: here, the last key or common prefix of the page. */
    private static String encodeToken(String lastItem) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastItem.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The continuation token provided is incorrect");
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

}
