package io.s3conn.testbed;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.s3conn.core.text.TerminalText;
import io.s3conn.testbed.ceph.CephRgwServer;
import io.s3conn.testbed.sqs.ElasticMqServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Command line for the demo script and manual testing (parsed by picocli: usage errors exit 2, as s3conn's).
 *
 * <pre>
 * serve  [--server s3proxy|ceph] [--port N] [--endpoint-file F] [--notifications]
 *                                         start the test bed (S3Proxy behind the archive emulator, the default) or
 *                                         a Ceph RGW, with a seeded bucket "demo"; runs until killed. With
 *                                         --notifications (emulator only), also ElasticMQ and a queue that the
 *                                         bucket "demo" sends its S3 event notifications to (queueUrl=...)
 * change --endpoint URL                   overwrite, delete and add demo objects; complete in-flight restores
 *                                         (the emulator's; RGW has none)
 * </pre>
 */
public final class TestBedMain {

    /** The bucket {@code serve} seeds. */
    public static final String DEMO_BUCKET = "demo";
    /** The dead-letter queue of the demo bucket's queue (see {@link #demoQueue}). */
    static final String DEMO_DEAD_LETTER_QUEUE = "demo-events-dlq";
    /** Receives after which the demo queue's redrive policy moves a message to its dead-letter queue. */
    static final int DEMO_MAX_RECEIVES = 3;
    /**
     * What {@code change} overwrites and deletes: objects {@link #seedDemo} puts on every server, so that a sync after
     * it sees each change it names on RGW too, whose demo bucket holds only the storage classes RGW is configured with.
     */
    private static final String OVERWRITTEN_BY_CHANGE = "standard/report.csv";
    private static final String DELETED_BY_CHANGE = "standard-ia/backup.bin";
    /** The emulator's answer to {@code POST /_emulator/restores/complete} ({@link EmulatorControl}). */
    private static final Pattern COMPLETED_ANSWER = Pattern.compile("\\{\"completed\":(\\d+)}");

    private TestBedMain() {
    }

    public static void main(String[] args) {
        // Usage errors (no command, an unknown or misspelt option, an option without its value, a value that does not
        // parse) end with picocli's line and the usage, exit 2, as s3conn's own.
        System.exit(new CommandLine(new Commands()).execute(args));
    }

    /** The command line: {@code serve} and {@code change}; none given is a usage error. */
    @Command(name = "TestBedMain", subcommands = {Serve.class, Change.class},
            description = "Real S3 servers on loopback for the demo and manual testing.")
    static final class Commands implements Runnable {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "a command is needed: serve or change");
        }
    }

    /** The S3 server {@code serve} starts. */
    enum Server { s3proxy, ceph }

    @Command(name = "serve", description = "Start S3Proxy behind the archive emulator (or Ceph RGW) with a seeded bucket "
            + "\"demo\"; print endpoint=, accessKeyId=, secretAccessKey=, region= (and queueUrl=) and run until killed.")
    static final class Serve implements Callable<Integer> {

        @Option(names = "--server", paramLabel = "s3proxy|ceph", description = "The server (default: s3proxy).")
        Server server = Server.s3proxy;

        @Option(names = "--port", paramLabel = "N", description = "The port to serve on (default: a free one).")
        Integer port;

        @Option(names = "--endpoint-file", paramLabel = "F", description = "Also write the printed lines into this file.")
        Path endpointFile;

        @Option(names = "--notifications", description = "Also ElasticMQ, and a queue the bucket \"demo\" sends its "
                + "S3 event notifications to (S3Proxy only).")
        boolean notifications;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (port != null && (port < 0 || port > 65535)) {
                throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535, was: " + port);
            }
            if (notifications && server == Server.ceph) {
                throw new ParameterException(spec.commandLine(),
                        "--notifications needs the archive emulator (--server s3proxy): RGW sends none here");
            }
            return serve(server == Server.ceph, port, endpointFile, notifications);
        }
    }

    @Command(name = "change", description = "Overwrite, delete and add demo objects; complete the restores in flight "
            + "(the emulator's; RGW has none).")
    static final class Change implements Callable<Integer> {

        @Option(names = "--endpoint", paramLabel = "URL", required = true, description = "The test bed's endpoint.")
        String endpoint;

        @Override
        public Integer call() {
            return change(endpoint, System.out, System.err);
        }
    }

    private static int serve(boolean ceph, Integer port, Path endpointFile, boolean notifications) throws Exception {
        S3Server testBed;
        ElasticMqServer sqs;
        try {
            if (ceph) {
                testBed = CephRgwServer.start(port == null ? 0 : port);
            } else {
                TestBedOptions options = TestBedOptions.defaults();
                if (port != null) {
                    options = options.withEmulatorPort(port);
                }
                testBed = TestBed.start(options);
            }
        } catch (RuntimeException e) {
            // One escaped line (a port in use, missing Ceph packages), as s3conn's own; before, a stack trace.
            System.err.println("testbed: could not start " + (ceph ? "Ceph RGW" : "the test bed") + ": "
                    + TerminalText.escaped(causes(e)));
            return 1;
        }
        try {
            sqs = notifications ? ElasticMqServer.start() : null;
        } catch (RuntimeException e) {
            testBed.close();
            System.err.println("testbed: could not start ElasticMQ: " + TerminalText.escaped(causes(e)));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM runs shutdown hooks: stop the emulator and the S3Proxy child (or the Ceph daemons) cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            testBed.close();
            if (sqs != null) {
                sqs.close();
            }
            stopped.countDown();
        }, "testbed-stop"));
        String queueLine = "";
        try {
            seedDemo(testBed);
            if (sqs != null) {
                queueLine = "queueUrl=" + demoQueue((TestBed) testBed, sqs) + "\n";
            }
        } catch (RuntimeException e) {
            // One escaped line, as s3conn's own: the failure may quote the server, whose text may hold a newline or ESC.
            System.err.println("testbed: could not seed the demo bucket: " + TerminalText.escaped(causes(e)));
            return 1; // main exits with it: the emulator's HTTP dispatcher is a non-daemon thread (the hook stops it)
        }
        String lines = "endpoint=" + testBed.endpoint() + "\n"
                + "accessKeyId=" + testBed.accessKeyId() + "\n"
                + "secretAccessKey=" + testBed.secretAccessKey() + "\n"
                + "region=" + testBed.region() + "\n"
                + queueLine;
        if (endpointFile != null) {
            // Written atomically, so a script polling for the file never reads half of it.
            Path target = endpointFile.toAbsolutePath();
            Path temp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.print(lines);
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Objects in every storage class and restore state, and some awkward keys; on a server without the archive
     * emulator, the storage classes it has and no restore states. Public for the benchmarks, which list the bucket
     * {@code serve} serves.
     */
    public static void seedDemo(S3Server server) {
        server.createBucket(DEMO_BUCKET);
        server.put(DEMO_BUCKET, OVERWRITTEN_BY_CHANGE, "id,value\n1,42\n", null);
        server.put(DEMO_BUCKET, DELETED_BY_CHANGE, "infrequent", "STANDARD_IA");
        server.put(DEMO_BUCKET, "glacier/archived.tar", "glacier archived", "GLACIER");
        server.put(DEMO_BUCKET, "deep-archive/archived.tar", "deep archive archived", "DEEP_ARCHIVE");
        server.put(DEMO_BUCKET, "awkward/ünïcödé ☃.txt", "unicode", null);
        server.put(DEMO_BUCKET, "awkward/with space/and_underscore.txt", "spaces", null);
        server.put(DEMO_BUCKET, "awkward/plus+percent%20literal.txt", "plus and percent", "GLACIER");
        if (!(server instanceof TestBed tb)) {
            return;
        }
        // Storage classes RGW is not configured with, and restore states only the archive emulator keeps.
        tb.put(DEMO_BUCKET, "onezone-ia/thumbnail.png", "one zone", "ONEZONE_IA");
        tb.put(DEMO_BUCKET, "glacier-ir/photo.jpg", "instant retrieval", "GLACIER_IR");
        tb.put(DEMO_BUCKET, "reduced-redundancy/legacy.txt", "legacy", "REDUCED_REDUNDANCY");
        tb.put(DEMO_BUCKET, "glacier/restoring.tar", "glacier restoring", "GLACIER");
        tb.put(DEMO_BUCKET, "glacier/restored.tar", "glacier restored", "GLACIER");
        tb.put(DEMO_BUCKET, "deep-archive/restoring.tar", "deep archive restoring", "DEEP_ARCHIVE");
        tb.put(DEMO_BUCKET, "intelligent-tiering/frequent.dat", "frequent tier", "INTELLIGENT_TIERING");
        tb.put(DEMO_BUCKET, "intelligent-tiering/archive-access.dat", "archive access tier", "INTELLIGENT_TIERING");
        tb.put(DEMO_BUCKET, "intelligent-tiering/deep-archive-access.dat", "deep archive access tier",
                "INTELLIGENT_TIERING");
        ArchiveEmulator emulator = tb.emulator();
        emulator.markRestoring(DEMO_BUCKET, "glacier/restoring.tar");
        emulator.markRestored(DEMO_BUCKET, "glacier/restored.tar", Instant.now().plus(7, ChronoUnit.DAYS));
        emulator.markRestoring(DEMO_BUCKET, "deep-archive/restoring.tar");
        emulator.setArchiveStatus(DEMO_BUCKET, "intelligent-tiering/archive-access.dat", "ARCHIVE_ACCESS");
        emulator.setArchiveStatus(DEMO_BUCKET, "intelligent-tiering/deep-archive-access.dat", "DEEP_ARCHIVE_ACCESS");
    }

    /**
     * A queue on {@code sqs} that the bucket "demo" sends every S3 event notification the emulator makes to, as Amazon S3
     * would after PutBucketNotificationConfiguration; its URL. These are the event types README asks {@code inventory watch}
     * users to send: without {@code s3:IntelligentTiering}, a move to an archive access tier never reached the watch.
     * Its redrive policy moves a message received {@value #DEMO_MAX_RECEIVES} times to {@code demo-events-dlq}, as README
     * asks of every queue: s3conn leaves a malformed message to that policy, and without one it came back to every run.
     */
    static String demoQueue(TestBed testBed, ElasticMqServer sqs) {
        testBed.emulator().notifications().connect(sqs.endpoint());
        sqs.createQueue(DEMO_DEAD_LETTER_QUEUE);
        String url = sqs.subscribe(testBed.client(), DEMO_BUCKET, "demo-events", Optional.empty(), Event.S3_OBJECT_CREATED,
                Event.S3_OBJECT_REMOVED, Event.S3_OBJECT_RESTORE, Event.S3_LIFECYCLE_TRANSITION, Event.S3_INTELLIGENT_TIERING);
        String redrive = "{\"deadLetterTargetArn\":\"" + ElasticMqServer.queueArn(DEMO_DEAD_LETTER_QUEUE)
                + "\",\"maxReceiveCount\":\"" + DEMO_MAX_RECEIVES + "\"}";
        sqs.client().setQueueAttributes(a -> a.queueUrl(url).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive)));
        return url;
    }

    /** The keys one {@code change} overwrote, deleted and added in the demo bucket. */
    public record DemoChange(String overwritten, String deleted, String added) {
    }

    /**
     * Changes the demo bucket from another process, the way a live system would change. Public for the tests of
     * {@code change} on RGW ({@code CephRgwServerTest}), which has a server of its own.
     */
    public static DemoChange changeDemo(S3Client s3) {
        s3.putObject(b -> b.bucket(DEMO_BUCKET).key(OVERWRITTEN_BY_CHANGE), RequestBody.fromString("id,value\n1,42\n2,43\n"));
        s3.deleteObject(b -> b.bucket(DEMO_BUCKET).key(DELETED_BY_CHANGE));
        String added = "added/" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-') + ".txt";
        s3.putObject(b -> b.bucket(DEMO_BUCKET).key(added).storageClass("STANDARD_IA"), RequestBody.fromString("added by change"));
        return new DemoChange(OVERWRITTEN_BY_CHANGE, DELETED_BY_CHANGE, added);
    }

    /**
     * {@code change --endpoint URL}: changes the demo bucket and completes the restores in flight, saying what it did on
     * {@code out}. A server that cannot be reached or refuses (a test bed restarted on another port, a typo in the URL)
     * is one escaped line on {@code err} and exit code 1; before, a stack trace of some 70 lines.
     *
     * @return the exit code
     */
    static int change(String endpoint, PrintStream out, PrintStream err) {
        try {
            URI server = URI.create(endpoint);
            try (S3Client s3 = TestBed.newClient(server)) {
                DemoChange done = changeDemo(s3);
                out.println("overwritten " + done.overwritten());
                out.println("deleted " + done.deleted());
                out.println("added " + done.added());
            }
            out.println(completeRestores(server));
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("testbed: could not change the demo bucket at " + TerminalText.escaped(endpoint) + ": "
                    + TerminalText.escaped(causes(e)));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("testbed: interrupted");
            return 1;
        }
    }

    /** Completes the restores in flight, where the emulator keeps them; the line saying so, or that there is none to ask. */
    private static String completeRestores(URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> completed;
        try (HttpClient http = HttpClient.newHttpClient()) {
            completed = http.send(
                    HttpRequest.newBuilder(endpoint.resolve(ArchiveEmulator.CONTROL_PREFIX + "/restores/complete"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        if (completed.statusCode() / 100 != 2) {
            return "restores completed none (no archive emulator: HTTP " + completed.statusCode() + ")";
        }
        // The count alone, as the lines above name keys; before, the emulator's JSON answer as it came.
        Matcher count = COMPLETED_ANSWER.matcher(completed.body());
        if (!count.matches()) {
            // The body is the server's text: escaped, so that it stays on its line.
            throw new IOException("the archive emulator answered the completion of restores with "
                    + TerminalText.escaped(completed.body()));
        }
        return "restores completed " + count.group(1);
    }

    /** {@code failure} and its causes, each as {@link Throwable#toString()}: what a stack trace says first, in one line. */
    static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        int depth = 0; // a chain that loops back (A caused by B caused by A) ends somewhere
        for (Throwable cause = failure.getCause(); cause != null && depth < 10; cause = cause.getCause(), depth++) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
