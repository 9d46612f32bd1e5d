package io.s3conn.testbed;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import io.s3conn.core.text.TerminalText;
import io.s3conn.testbed.events.BucketNotifications;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A loopback HTTP proxy in front of S3Proxy that adds only what S3Proxy lacks: archive storage
 * classes that behave like Amazon S3's (restores, {@code InvalidObjectState}, Intelligent-Tiering
 * archive tiers, {@code RestoreStatus} in listings), plus fault injection, latency and counters.
 *
 * <p>Requests are forwarded with their exact target and headers, {@code Host} included, because the
 * client's SigV4/SigV2 signature covers them. Path-style addressing only ({@code /bucket/key}).
 *
 * <h2>What S3Proxy 4.1.0 (transient-nio2) does with storage classes, found by experiment</h2>
 * PutObject keeps the {@code x-amz-storage-class} it was given (all of STANDARD, STANDARD_IA, ONEZONE_IA,
 * REDUCED_REDUNDANCY, GLACIER_IR, GLACIER, DEEP_ARCHIVE, INTELLIGENT_TIERING come back in ListObjectsV2,
 * ListObjects and HEAD), but CopyObject and multipart uploads lose it (STANDARD), ListObjectVersions
 * always says STANDARD, HEAD sends {@code x-amz-storage-class: STANDARD} (S3 omits it), GET of archived
 * objects succeeds, RestoreObject answers 501 NotImplemented and the optional-attributes header is
 * ignored. Hence the emulator's own registry of storage classes, archive status and restores.
 *
 * <h2>Objects a reader cannot open</h2>
 * {@link #seal} makes an object answer as an SSE-KMS object whose key the reader may not use, an SSE-C object
 * read without its key, or one a bucket policy keeps from the reader ({@link ObjectSeal}): S3Proxy encrypts nothing
 * and knows no policies.
 *
 * <h2>Event notifications</h2>
 * Bucket notification configurations and the messages S3 sends to SQS queues live in
 * {@link BucketNotifications}; this class only calls its hooks after each successful change.
 *
 * <h2>Floods</h2>
 * Each exchange has a virtual thread of its own, so no request waits in line behind others for a thread: a HEAD
 * or GET is answered while a thousand listings wait (with a pool of 64 threads, one such flood once held every
 * thread for minutes, and connections whose client had given up sat unread in {@code CLOSE-WAIT}). What reaches
 * S3Proxy is bounded instead: at most {@value #UPSTREAM_AT_ONCE} requests at once, of which at most
 * {@link #LISTINGS_AT_ONCE} listings (each costs S3Proxy CPU over every key of the bucket, so more at once only
 * take longer each, past the timeouts of their clients, and S3Proxy goes on working for clients long gone).
 * A request that waited {@link #UPSTREAM_WAIT} for its turn is answered {@code 503 SlowDown}, as Amazon S3 sheds
 * load, instead of being sent to S3Proxy after its client gave up.
 *
 * <h2>HTTP control calls</h2>
 * Under the reserved path {@code /_emulator} (bucket names cannot start with {@code _}); unsigned;
 * answers are JSON; never subject to faults or latency.
 * <ul>
 *   <li>{@code PUT /_emulator/faults?rate=0.3&kinds=SLOW_DOWN,INTERNAL_ERROR,RESET,SLOW&slowMillis=200&seed=1}
 *       inject faults ({@link FaultKind}; {@code kinds} defaults to SLOW_DOWN,INTERNAL_ERROR,RESET, {@code slowMillis}
 *       to 500, {@code seed} to random; {@code operations=RESTORE_OBJECT,HEAD_OBJECT} ({@link S3Operation}) limits
 *       them to those requests);
 *       {@code DELETE /_emulator/faults} turns them off</li>
 *   <li>{@code PUT /_emulator/latency?millis=20} fixed delay on every proxied request</li>
 *   <li>{@code PUT /_emulator/notifications/delivery?delayMillis=2000&dropRate=0.1&duplicateRate=0.3&reorderMillis=500}
 *       how event messages are sent (each parameter optional; {@link io.s3conn.testbed.events.DeliverySwitches});
 *       {@code DELETE /_emulator/notifications/delivery} sends every message once, at once, in order again</li>
 *   <li>{@code PUT /_emulator/optional-attributes?mode=HONOR|IGNORE|REJECT}</li>
 *   <li>{@code PUT /_emulator/restore-delay?millis=60000} how long restores take (0: done at the next request;
 *       else done, and their completion event sent, once it is over)</li>
 *   <li>{@code PUT /_emulator/expedited?available=false} Expedited restores answer 503</li>
 *   <li>{@code POST /_emulator/restores/complete} complete all in-flight restores now</li>
 *   <li>{@code GET /_emulator/restores} the restore requests received</li>
 *   <li>{@code PUT /_emulator/archive-status?bucket=b&key=k&status=ARCHIVE_ACCESS|DEEP_ARCHIVE_ACCESS|NONE}
 *       move an INTELLIGENT_TIERING object between tiers</li>
 *   <li>{@code GET /_emulator/stats} request counters per operation and injected faults</li>
 *   <li>{@code POST /_emulator/stats/reset} zero the counters</li>
 *   <li>{@code POST /_emulator/reset} back to defaults: no faults, no latency, HONOR, no restore delay,
 *       Expedited available, counters and restore log cleared (object state is kept: the objects still exist)</li>
 * </ul>
 */
public final class ArchiveEmulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ArchiveEmulator.class.getName());
    static final String CONTROL_PREFIX = "/_emulator";
    private static final String OPTIONAL_ATTRIBUTES = "x-amz-optional-object-attributes";
    private static final String STORAGE_CLASS = "x-amz-storage-class";
    /** RFC 1123 with a two-digit day, as in HTTP dates ({@code RFC_1123_DATE_TIME} drops the zero). */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** Headers that describe one hop's connection or framing: never forwarded as received. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "content-length", "expect", "upgrade", "te", "trailer");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "date");
    /** Requests sent to S3Proxy at once, at most: also the most connections opened to it. */
    static final int UPSTREAM_AT_ONCE = 64;
    /** Listings sent to S3Proxy at once, at most: one a core (they cost it CPU), at least 2. */
    static final int LISTINGS_AT_ONCE = Math.max(2, Runtime.getRuntime().availableProcessors());
    /**
     * How long a request waits for its turn to S3Proxy before it is answered 503 SlowDown: half the SDK's default
     * attempt timeout, so that what is sent was most likely not given up by its client yet.
     */
    static final Duration UPSTREAM_WAIT = Duration.ofSeconds(30);

    private final HttpServer server;
    private final ExecutorService executor;
    private final UpstreamClient upstream;
    private final Semaphore upstreamSlots = new Semaphore(UPSTREAM_AT_ONCE, true);
    private final Semaphore listingSlots = new Semaphore(LISTINGS_AT_ONCE, true);
    private final Duration upstreamWait;
    private final ArchiveRegistry registry = new ArchiveRegistry(Clock.systemUTC());
    private final RestoreHandler restores = new RestoreHandler(registry);
    private final FaultInjector faults = new FaultInjector();
    /** Buckets whose listings are refused but under a prefix ({@link #limitListings}), by bucket. */
    private final Map<String, String> listingPrefixes = new ConcurrentHashMap<>();
    private final Map<String, ObjectSeal> seals = new ConcurrentHashMap<>();
    private final EmulatorControl control = new EmulatorControl(this);
    private final Map<S3Operation, LongAdder> requestCounts = new EnumMap<>(S3Operation.class);
    private final BucketNotifications notifications;
    private volatile OptionalAttributesMode optionalAttributesMode = OptionalAttributesMode.HONOR;

    private ArchiveEmulator(HttpServer server, ExecutorService executor, UpstreamClient upstream,
                            BucketNotifications notifications, Duration upstreamWait) {
        this.server = server;
        this.executor = executor;
        this.upstream = upstream;
        this.upstreamWait = upstreamWait;
        this.notifications = notifications;
        registry.onRestoreCompleted((bucket, key, storageClass, expiry) ->
                notifications.restoreCompleted(bucket, key, storageClass, Optional.ofNullable(expiry)));
        for (S3Operation op : S3Operation.values()) {
            requestCounts.put(op, new LongAdder());
        }
    }

    /**
     * Starts the emulator on {@code 127.0.0.1:port} (0 for a free port) in front of the S3 server
     * listening on {@code 127.0.0.1:upstreamPort}.
     */
    public static ArchiveEmulator start(int port, int upstreamPort) {
        return start(port, upstreamPort, UPSTREAM_WAIT);
    }

    /** As {@link #start(int, int)}, answering 503 SlowDown to a request that waited {@code upstreamWait} for S3Proxy. */
    static ArchiveEmulator start(int port, int upstreamPort, Duration upstreamWait) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
            // A thread an exchange (see "Floods"): what S3Proxy gets is bounded by the slots, not here.
            ExecutorService executor = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("archive-emulator-", 1).factory());
            ArchiveEmulator emulator = new ArchiveEmulator(server, executor, new UpstreamClient(upstreamPort),
                    new BucketNotifications(URI.create("http://127.0.0.1:" + upstreamPort), TestBed.REGION,
                            Clock.systemUTC()), upstreamWait);
            server.createContext("/", emulator::handle);
            server.setExecutor(executor);
            server.start();
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the archive emulator on port " + port, e);
        }
    }

    /** Where clients send S3 requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** S3 event notifications: configurations, the SQS server they go to, delivery switches. */
    public BucketNotifications notifications() {
        return notifications;
    }

    // ---- control API (mirrored over HTTP by EmulatorControl) ----

    /** Injects faults into a share {@code rate} of proxied requests, choosing uniformly among {@code kinds}. */
    public void setFaults(double rate, Set<FaultKind> kinds) {
        setFaults(rate, kinds, faults.slowDelay(), null);
    }

    /**
     * Injects faults reproducibly.
     *
     * @param slowDelay how long {@link FaultKind#SLOW} holds a request
     * @param seed      random seed, null for a random one
     */
    public void setFaults(double rate, Set<FaultKind> kinds, Duration slowDelay, Long seed) {
        faults.configure(rate, kinds, slowDelay, seed);
    }

    /** Injects faults reproducibly into requests of {@code operations} only (all when empty). */
    public void setFaults(double rate, Set<FaultKind> kinds, Duration slowDelay, Long seed, Set<S3Operation> operations) {
        faults.configure(rate, kinds, slowDelay, seed, operations);
    }

    /**
     * Injects faults into requests of {@code operations} only (all when empty), e.g. RestoreObject kept throttled
     * while listings and HEAD requests are answered.
     */
    public void setFaults(double rate, Set<FaultKind> kinds, Set<S3Operation> operations) {
        faults.configure(rate, kinds, faults.slowDelay(), null, operations);
    }

    public void clearFaults() {
        faults.disable();
    }

    /**
     * Refuses ({@code 403 AccessDenied}) every listing of {@code bucket} whose {@code prefix} parameter does not start
     * with {@code prefix}, as Amazon S3 does for credentials whose policy allows {@code s3:ListBucket} only under an
     * {@code s3:prefix} condition; every other request of the bucket stays allowed. {@link #reset} lifts it.
     */
    public void limitListings(String bucket, String prefix) {
        listingPrefixes.put(bucket, prefix);
    }

    /** A fixed delay before every proxied request, to model a network round trip in benchmarks. */
    public void setLatency(Duration latency) {
        faults.latency(latency);
    }

    public void setOptionalAttributesMode(OptionalAttributesMode mode) {
        this.optionalAttributesMode = mode;
    }

    public OptionalAttributesMode optionalAttributesMode() {
        return optionalAttributesMode;
    }

    /**
     * How long a restore takes; zero (the default) means it is complete at the next request. A restore started with a
     * delay completes once it is over (sending its {@code ObjectRestore:Completed} event then), read or not.
     */
    public void setRestoreDelay(Duration delay) {
        registry.restoreDelay(delay);
    }

    /** When on, Expedited restores fail with 503 GlacierExpeditedRetrievalNotAvailable. */
    public void setExpeditedUnavailable(boolean unavailable) {
        restores.expeditedUnavailable(unavailable);
    }

    /**
     * When on, RestoreObject answers {@code 501 NotImplemented} while archive classes stay enforced: a server
     * without restores whose archived objects cannot be read either (RGW has no restores, but serves its
     * archive-class objects at once, so a reader never needs to ask it for one).
     */
    public void setRestoresNotImplemented(boolean on) {
        restores.notImplemented(on);
    }

    /**
     * What a lifecycle transition does: the object (stored through the emulator) is in {@code storageClass}
     * from now on, without a restore, and a {@code LifecycleTransition} event is sent.
     */
    public void transition(String bucket, String key, String storageClass) {
        registry.stored(bucket, key, storageClass);
        notifications.lifecycleTransition(bucket, key);
    }

    /** Completes all in-flight restores now; returns how many there were. */
    public int completeRestores() {
        return registry.completeRestores();
    }

    /**
     * Seeding: the object (stored through the emulator) has a restore in progress until
     * {@link #completeRestores()}; a completed GLACIER/DEEP_ARCHIVE restore then lasts one day.
     */
    public void markRestoring(String bucket, String key) {
        registry.markRestoring(bucket, key, 1);
    }

    /** Seeding: the object has a restored copy until {@code expiry} (ignored for Intelligent-Tiering). */
    public void markRestored(String bucket, String key, Instant expiry) {
        registry.markRestored(bucket, key, expiry);
    }

    /**
     * Moves an INTELLIGENT_TIERING object to {@code ARCHIVE_ACCESS} or {@code DEEP_ARCHIVE_ACCESS} (sending the
     * {@code IntelligentTiering} event S3 sends then), or back to a frequent tier with null (or {@code "NONE"}).
     */
    /** Seeding: the object's bytes need a key the reader lacks ({@link ObjectSeal}); {@code null} unseals it. */
    public void seal(String bucket, String key, ObjectSeal seal) {
        if (seal == null) {
            seals.remove(bucket + "/" + key);
        } else {
            seals.put(bucket + "/" + key, seal);
        }
    }

    public void setArchiveStatus(String bucket, String key, String status) {
        String archived = status == null || status.equalsIgnoreCase("NONE") ? null : status;
        registry.archiveStatus(bucket, key, archived);
        if (archived != null) {
            notifications.intelligentTiering(bucket, key, archived);
        }
    }

    /** Every RestoreObject request received since the last reset, oldest first. */
    public List<RestoreRequestRecord> restoreRequests() {
        return registry.restoreRequests();
    }

    public EmulatorStats stats() {
        Map<S3Operation, Long> requests = new EnumMap<>(S3Operation.class);
        requestCounts.forEach((op, count) -> requests.put(op, count.sum()));
        return new EmulatorStats(requests, faults.injected(), registry.restoreRequests().size());
    }

    public void resetStats() {
        requestCounts.values().forEach(LongAdder::reset);
        faults.resetCounters();
    }

    /** Back to defaults (notification delivery too); object state and notification configurations are kept. */
    public void reset() {
        clearFaults();
        setLatency(Duration.ZERO);
        setOptionalAttributesMode(OptionalAttributesMode.HONOR);
        setRestoreDelay(Duration.ZERO);
        setExpeditedUnavailable(false);
        setRestoresNotImplemented(false);
        registry.clearRestoreRequests();
        listingPrefixes.clear();
        notifications.switches(io.s3conn.testbed.events.DeliverySwitches.none());
        resetStats();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        upstream.close();
        registry.close();
        notifications.close();
    }

    // ---- request handling ----

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path != null && (path.equals(CONTROL_PREFIX) || path.startsWith(CONTROL_PREFIX + "/"))) {
                exchange.getRequestBody().readAllBytes(); // control calls take no body
                send(exchange, control.handle(exchange.getRequestMethod(), path, exchange.getRequestURI()));
                return;
            }
            // Read the whole body first, so a fault never leaves the client blocked while sending.
            byte[] body = exchange.getRequestBody().readAllBytes();
            S3Request request = S3Request.of(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), body);
            S3Operation operation = request.operation();
            requestCounts.get(operation).increment();
            String listable = request.bucket() == null ? null : listingPrefixes.get(request.bucket());
            if (operation.listing() && listable != null && !request.query().getOrDefault("prefix", "").startsWith(listable)) {
                send(exchange, Reply.s3Error(403, "AccessDenied", "Access Denied", request.resource()));
                return;
            }
            sleep(faults.latency());
            FaultKind fault = faults.next(operation);
            if (fault == FaultKind.RESET) {
                // Closing before any response was sent drops the connection: the client sees an I/O error.
                exchange.close();
                return;
            }
            if (fault == FaultKind.SLOW) {
                sleep(faults.slowDelay());
            }
            Reply reply = switch (fault) {
                case SLOW_DOWN -> slowDown(request);
                case INTERNAL_ERROR -> Reply.s3Error(500, "InternalError",
                        "We encountered an internal error. Please try again.", request.resource());
                case TOO_MANY_REQUESTS -> Reply.s3Error(429, "TooManyRequests", "Please reduce your request rate.",
                        request.resource());
                case ACCESS_DENIED -> Reply.s3Error(403, "AccessDenied", "Access Denied", request.resource());
                case null, default -> dispatch(request, operation);
            };
            if (fault == FaultKind.TRUNCATED && reply.body().length > 1 && !exchange.getRequestMethod().equals("HEAD")) {
                sendTruncated(exchange, reply);
                return;
            }
            send(exchange, reply);
        } catch (IOException | RuntimeException | Error e) {
            // An Error too (a class gone from a jar rebuilt under a running test bed): HttpServer would leave the
            // exchange unanswered, and the client would wait out its attempt timeout on every retry.
            // Escaped, as s3conn's log lines: the failure may quote a key, which may hold a newline or ESC.
            LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("emulator failed on " + exchange.getRequestMethod()
                    + " " + exchange.getRequestURI() + ": " + TestBedMain.causes(e)));
            try {
                send(exchange, Reply.s3Error(500, "InternalError", "archive emulator: " + e, null));
            } catch (IOException | RuntimeException | Error ignored) {
                exchange.close();
            }
        }
    }

    private Reply dispatch(S3Request request, S3Operation operation) throws IOException {
        if (operation == S3Operation.OTHER && request.bucket() != null && request.key() == null
                && request.query().containsKey("notification")) {
            return notificationConfiguration(request);
        }
        return switch (operation) {
            case RESTORE_OBJECT -> {
                Reply reply = restores.handle(request);
                if (reply.status() == 202) {
                    notifications.restoreStarted(request.bucket(), request.key());
                }
                yield reply;
            }
            case GET_OBJECT, HEAD_OBJECT -> {
                Optional<Reply> sealed = sealed(request, operation);
                if (sealed.isPresent()) {
                    yield sealed.get();
                }
                yield operation == S3Operation.GET_OBJECT ? getObject(request)
                        : decorate(forward(request), registry.find(request.bucket(), request.key()));
            }
            case LIST_OBJECTS_V2, LIST_OBJECTS, LIST_OBJECT_VERSIONS -> listing(request);
            case PUT_OBJECT, COPY_OBJECT -> {
                Reply reply = forward(request);
                if (reply.successful() && !containsError(reply)) {
                    registry.stored(request.bucket(), request.key(), request.header(STORAGE_CLASS));
                    notifications.objectCreated(operation == S3Operation.COPY_OBJECT ? "ObjectCreated:Copy"
                            : "ObjectCreated:Put", request.bucket(), request.key(), versionId(reply));
                }
                yield reply;
            }
            case DELETE_OBJECT -> {
                Reply reply = forward(request);
                if (reply.successful()) {
                    registry.deleted(request.bucket(), request.key());
                    notifications.objectRemoved(request.bucket(), request.key(), versionId(reply),
                            "true".equals(reply.header("x-amz-delete-marker")) && !request.query().containsKey("versionId"));
                }
                yield reply;
            }
            case DELETE_OBJECTS -> deleteObjects(request);
            case OTHER -> multipart(request, forward(request));
        };
    }

    /** The answer Amazon S3 gives a reader without the key a sealed object needs; empty for other objects. */
    private Optional<Reply> sealed(S3Request request, S3Operation operation) {
        ObjectSeal seal = seals.get(request.bucket() + "/" + request.key());
        if (seal == ObjectSeal.CUSTOMER_KEY) {
            return Optional.of(Reply.s3Error(400, "InvalidRequest", "The object was stored using a form of Server Side"
                    + " Encryption. The correct parameters must be provided to retrieve the object.", request.resource()));
        }
        if (seal == ObjectSeal.READ_DENIED) {
            return Optional.of(Reply.s3Error(403, "AccessDenied", "User is not authorized to perform: s3:GetObject",
                    request.resource()));
        }
        if (seal == ObjectSeal.KMS_KEY_DENIED && operation == S3Operation.GET_OBJECT) {
            return Optional.of(Reply.s3Error(403, "AccessDenied", "User is not authorized to perform: kms:Decrypt",
                    request.resource()));
        }
        return Optional.empty();
    }

    private Reply getObject(S3Request request) throws IOException {
        Optional<ArchiveRegistry.ObjectView> state = registry.find(request.bucket(), request.key());
        if (state.isPresent() && state.get().readBlocked()) {
            ArchiveRegistry.ObjectView view = state.get();
            return view.intelligentTiering()
                    ? Reply.s3Error(403, "InvalidObjectState", "The operation is not valid for the object's access tier",
                            request.resource(), "StorageClass", view.storageClass(), "AccessTier", view.archiveStatus())
                    : Reply.s3Error(403, "InvalidObjectState", "The operation is not valid for the object's storage class",
                            request.resource(), "StorageClass", view.storageClass());
        }
        return decorate(forward(request), state);
    }

    /** Sets the archive headers of HEAD/GET as Amazon S3 does. */
    private static Reply decorate(Reply reply, Optional<ArchiveRegistry.ObjectView> state) {
        if (reply.status() != 200 && reply.status() != 206) {
            return reply;
        }
        String storageClass = state.map(ArchiveRegistry.ObjectView::storageClass).orElse(reply.header(STORAGE_CLASS));
        reply.removeHeader(STORAGE_CLASS);
        // S3 omits the header for STANDARD; S3Proxy always sends it.
        if (storageClass != null && !storageClass.equals(ArchiveRegistry.STANDARD)) {
            reply.setHeader(STORAGE_CLASS, storageClass);
        }
        if (state.isEmpty()) {
            return reply;
        }
        ArchiveRegistry.ObjectView view = state.get();
        if (view.intelligentTiering() && view.archiveStatus() != null) {
            reply.setHeader("x-amz-archive-status", view.archiveStatus());
        }
        if (view.restoreOngoing()) {
            reply.setHeader("x-amz-restore", "ongoing-request=\"true\"");
        } else if (view.restored()) {
            reply.setHeader("x-amz-restore", view.restoreExpiry() == null
                    ? "ongoing-request=\"false\""
                    : "ongoing-request=\"false\", expiry-date=\"" + HTTP_DATE.format(view.restoreExpiry()) + "\"");
        }
        return reply;
    }

    private Reply listing(S3Request request) throws IOException {
        String optional = request.header(OPTIONAL_ATTRIBUTES);
        OptionalAttributesMode mode = optionalAttributesMode;
        if (optional != null && mode == OptionalAttributesMode.REJECT) {
            return Reply.s3Error(400, "InvalidArgument",
                    "The header x-amz-optional-object-attributes is not supported", request.resource(),
                    "ArgumentName", OPTIONAL_ATTRIBUTES, "ArgumentValue", optional);
        }
        Reply reply = forward(request);
        if (reply.status() != 200 || reply.body().length == 0) {
            return reply;
        }
        boolean restoreStatus = mode == OptionalAttributesMode.HONOR && optional != null
                && Arrays.stream(optional.split(",")).map(String::trim).anyMatch("RestoreStatus"::equalsIgnoreCase);
        byte[] rewritten = ListingRewriter.rewrite(reply.body(), request.bucket(), restoreStatus, registry::find);
        return reply.withBody(rewritten);
    }

    private Reply deleteObjects(S3Request request) throws IOException {
        Reply reply = forward(request);
        if (reply.status() != 200) {
            return reply;
        }
        try {
            // Quiet mode lists only failures, so: requested keys minus the keys reported as errors.
            Set<String> deleted = new HashSet<>();
            Document asked = S3Xml.parse(request.body());
            for (Element object : S3Xml.children(asked.getDocumentElement(), "Object")) {
                deleted.add(S3Xml.childText(object, "Key"));
            }
            Document answer = S3Xml.parse(reply.body());
            for (Element error : S3Xml.children(answer.getDocumentElement(), "Error")) {
                deleted.remove(S3Xml.childText(error, "Key"));
            }
            deleted.forEach(key -> registry.deleted(request.bucket(), key));
            notifyDeleted(request.bucket(), deleted, answer);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("cannot read DeleteObjects XML: " + TestBedMain.causes(e)));
        }
        return reply;
    }

    /** CreateMultipartUpload carries the storage class that CompleteMultipartUpload must record. */
    private Reply multipart(S3Request request, Reply reply) {
        if (request.key() == null || !reply.successful()) {
            return reply;
        }
        String uploadId = request.query().get("uploadId");
        if (request.method().equals("POST") && request.query().containsKey("uploads")) {
            try {
                String id = S3Xml.childText(S3Xml.parse(reply.body()).getDocumentElement(), "UploadId");
                if (id != null) {
                    registry.uploadStarted(id, request.header(STORAGE_CLASS));
                }
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("cannot read CreateMultipartUpload XML: "
                        + TestBedMain.causes(e)));
            }
        } else if (request.method().equals("POST") && uploadId != null && !containsError(reply)) {
            String storageClass = registry.uploadEnded(uploadId);
            registry.stored(request.bucket(), request.key(), storageClass);
            notifications.objectCreated("ObjectCreated:CompleteMultipartUpload", request.bucket(), request.key(),
                    versionId(reply));
        } else if (request.method().equals("DELETE") && uploadId != null) {
            registry.uploadEnded(uploadId);
        }
        return reply;
    }

    /** PutBucketNotificationConfiguration and GetBucketNotificationConfiguration, kept here (S3Proxy has none). */
    private Reply notificationConfiguration(S3Request request) {
        return switch (request.method()) {
            case "GET" -> new Reply(200, List.of(new Reply.Header("Content-Type", "application/xml")),
                    notifications.configurationXml(request.bucket()).getBytes(StandardCharsets.UTF_8));
            case "PUT" -> {
                try {
                    notifications.putConfiguration(request.bucket(), request.body());
                    yield Reply.empty(200);
                } catch (IllegalArgumentException e) {
                    yield Reply.s3Error(400, "InvalidArgument", e.getMessage(), request.resource());
                }
            }
            default -> Reply.s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.",
                    request.resource());
        };
    }

    /** The events of a DeleteObjects: per {@code Deleted} entry when listed, else per key asked for (quiet mode). */
    private void notifyDeleted(String bucket, Set<String> keys, Document answer) {
        List<Element> listed = S3Xml.children(answer.getDocumentElement(), "Deleted");
        if (listed.isEmpty()) {
            keys.forEach(key -> notifications.objectRemoved(bucket, key, Optional.empty(), false));
            return;
        }
        for (Element deleted : listed) {
            boolean marker = "true".equals(S3Xml.childText(deleted, "DeleteMarker"))
                    && S3Xml.childText(deleted, "VersionId") == null;
            notifications.objectRemoved(bucket, S3Xml.childText(deleted, "Key"),
                    Optional.ofNullable(marker ? S3Xml.childText(deleted, "DeleteMarkerVersionId")
                            : S3Xml.childText(deleted, "VersionId")), marker);
        }
    }

    private static Optional<String> versionId(Reply reply) {
        return Optional.ofNullable(reply.header("x-amz-version-id")).filter(v -> !v.isEmpty() && !v.equals("null"));
    }

    /** S3 may answer CopyObject and CompleteMultipartUpload with 200 and an error document. */
    private static boolean containsError(Reply reply) {
        return reply.body().length > 0
                && new String(reply.body(), 0, Math.min(reply.body().length, 512), StandardCharsets.UTF_8)
                .contains("<Error>");
    }

    /** Sends {@code request} to S3Proxy when a slot is free ("Floods"), else answers 503 SlowDown after the wait. */
    private Reply forward(S3Request request) throws IOException {
        long deadline = System.nanoTime() + upstreamWait.toNanos();
        boolean listing = request.operation().listing();
        if (listing && !acquire(listingSlots, deadline)) {
            return slowDown(request);
        }
        try {
            if (!acquire(upstreamSlots, deadline)) {
                return slowDown(request);
            }
            try {
                return sendUpstream(request);
            } finally {
                upstreamSlots.release();
            }
        } finally {
            if (listing) {
                listingSlots.release();
            }
        }
    }

    private static boolean acquire(Semaphore slots, long deadline) throws IOException {
        try {
            return slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to send to S3Proxy", e);
        }
    }

    private static Reply slowDown(S3Request request) {
        return Reply.s3Error(503, "SlowDown", "Please reduce your request rate.", request.resource());
    }

    private Reply sendUpstream(S3Request request) throws IOException {
        List<Reply.Header> headers = new ArrayList<>();
        boolean framed = false;
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower)) {
                framed |= lower.equals("content-length") || lower.equals("transfer-encoding");
                continue;
            }
            for (String value : header.getValue()) {
                headers.add(new Reply.Header(header.getKey(), value));
            }
        }
        return upstream.send(request.method(), request.rawTarget(), headers, request.body(),
                framed || request.body().length > 0);
    }

    /** Answers {@code reply} and closes the exchange, also when the client is gone (its connection is dropped then). */
    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        try {
            var out = copyHeaders(exchange, reply);
            if (exchange.getRequestMethod().equals("HEAD")) {
                // HttpServer sends no Content-Length for HEAD by itself, but clients read the object size from it.
                String length = reply.header("Content-Length");
                if (length != null) {
                    out.set("Content-Length", length);
                }
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                // -1 means "no body" to HttpServer; 0 would mean chunked.
                exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
                if (reply.body().length > 0) {
                    try (OutputStream body = exchange.getResponseBody()) {
                        body.write(reply.body());
                    }
                }
            }
        } finally {
            exchange.close();
        }
    }

    /** The reply's headers on the exchange, but those that belong to one connection; returns the exchange's headers. */
    private static Headers copyHeaders(HttpExchange exchange, Reply reply) {
        Headers out = exchange.getResponseHeaders();
        for (Reply.Header h : reply.headers()) {
            if (!NOT_RETURNED.contains(h.name().toLowerCase(Locale.ROOT))) {
                out.add(h.name(), h.value());
            }
        }
        return out;
    }

    /** The reply's status and headers, half its body, then a dropped connection: the client's read fails mid-body. */
    private static void sendTruncated(HttpExchange exchange, Reply reply) throws IOException {
        copyHeaders(exchange, reply);
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        OutputStream body = exchange.getResponseBody();
        body.write(reply.body(), 0, reply.body().length / 2);
        body.flush();
        // Closing with bytes missing makes HttpServer drop the connection instead of keeping it alive.
        exchange.close();
    }

    private static void sleep(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
