package io.s3conn.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Payload;
import io.s3conn.core.record.Position;
import io.s3conn.core.record.Record;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import io.s3conn.destination.format.RecordEncoder;
import io.s3conn.destination.format.RecordFormat;
import io.s3conn.destination.format.RecordFormats;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Destination write throughput: {@code N} records of 1 KiB written as JSON lines and as Parquet
 * (batches of 1000) against raw PutObject of the same bytes, each phase in its own JVM with a small
 * heap so that its peak RSS is its own.
 *
 * <pre>DestinationBenchmark [--records 100000] [--latency-ms 10] [--xmx 256m]</pre>
 */
public final class DestinationBenchmark {

    private static final int BATCH = 1000;

    private static final String USAGE = "DestinationBenchmark [--records 100000] [--latency-ms 10] [--xmx 256m]";

    private DestinationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            worker(args);
            return;
        }
        BenchmarkArgs.requireKnown(args, USAGE);
        int records = BenchmarkArgs.intOption(args, "--records", 100_000);
        if (records < 1) {
            BenchmarkArgs.refuse("--records must be at least 1", USAGE);
        }
        int latency = BenchmarkArgs.intOption(args, "--latency-ms", 10);
        String xmx = BenchmarkArgs.heapSizeOption(args, "--xmx", "256m");
        PrintStream out = System.out;
        try (TestBed bed = TestBed.start()) {
            bed.createBucket("dst");
            bed.emulator().setLatency(Duration.ofMillis(latency));
            List<String> rows = new ArrayList<>();
            List<String> liveHeap = new ArrayList<>();
            for (String format : List.of("json", "parquet")) {
                String[] raw = child(bed, xmx, "raw", format, records);
                clear(bed);
                String[] s3conn = child(bed, xmx, "s3conn", format, records);
                clear(bed);
                double rawMs = Double.parseDouble(raw[0]);
                double ms = Double.parseDouble(s3conn[0]);
                rows.add(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f | %.2f | %,.0f MiB | %,.0f MiB |", format, records,
                        records / (rawMs / 1000), records / (ms / 1000), ms / rawMs,
                        Long.parseLong(raw[1]) / 1024.0, Long.parseLong(s3conn[1]) / 1024.0));
                liveHeap.add(String.format(Locale.ROOT, "%s raw %,.0f MiB, s3conn %,.0f MiB", format,
                        Long.parseLong(raw[2]) / 1024.0, Long.parseLong(s3conn[2]) / 1024.0));
            }
            out.printf(Locale.ROOT, "%n## Destination benchmark%n%nJava %s, %d CPUs, simulated round trip %d ms per request, "
                    + "batches of %d records of 1 KiB, worker heap -Xmx%s.%n%n", Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), latency, BATCH, xmx);
            out.println("| format | records | raw PutObject (records/s) | s3conn (records/s) | × raw time | raw peak RSS | s3conn peak RSS |");
            out.println("|---|--:|--:|--:|--:|--:|--:|");
            rows.forEach(out::println);
            // Peak RSS follows -Xmx more than what a phase kept: this says whether memory grows with --records.
            out.printf(Locale.ROOT, "%nMost heap in use after a garbage collection (what a phase held; compare two "
                    + "--records): %s.%n", String.join("; ", liveHeap));
        }
    }

    /** Runs one phase in a child JVM; returns {elapsed ms, VmHWM kB, most heap in use after a GC in kB}. */
    private static String[] child(TestBed bed, String xmx, String mode, String format, int records) throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + xmx,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                DestinationBenchmark.class.getName(), "worker", mode, format, bed.endpoint().toString(), Integer.toString(records));
        Path log = Files.createTempFile("s3conn-dst-bench-", ".log");
        String output;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly(); // else it would outlive the run
                throw new IllegalStateException(mode + " " + format + " timed out after 20 minutes:\n" + Files.readString(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(mode + " " + format + " failed:\n" + Files.readString(log));
            }
            output = Files.readString(log);
        } finally {
            Files.deleteIfExists(log); // each run left four of them in the temporary folder
        }
        String result = output.lines().filter(l -> l.startsWith("result ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result from " + mode + " " + format));
        System.err.println("[bench] " + mode + " " + format + ": " + result);
        return result.substring("result ".length()).split(" ");
    }

    private static void worker(String[] args) throws Exception {
        LiveHeap.watch();
        String mode = args[1];
        String format = args[2];
        S3ConnectionSettings settings = S3ConnectionSettings.defaults().withEndpoint(java.net.URI.create(args[3]))
                .withRegion(TestBed.REGION).withPathStyle(true)
                .withCredentials(new StaticCredentials(TestBed.ACCESS_KEY_ID, TestBed.SECRET_ACCESS_KEY, Optional.empty()));
        int records = Integer.parseInt(args[4]);
        RecordFormat recordFormat = RecordFormats.of(format, Optional.empty());
        try (S3Client s3 = S3Clients.create(settings)) {
            s3.listObjectsV2(b -> b.bucket("dst").maxKeys(1));
            long start;
            if (mode.equals("raw")) {
                // The same bytes, encoded before the clock starts: only the PutObject calls are timed.
                List<byte[]> batches = new ArrayList<>();
                for (int first = 0; first < records; first += BATCH) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (RecordEncoder encoder = recordFormat.open(bytes)) {
                        for (int i = first; i < Math.min(records, first + BATCH); i++) {
                            encoder.write(record(i));
                        }
                    }
                    batches.add(bytes.toByteArray());
                }
                start = System.nanoTime();
                for (int i = 0; i < batches.size(); i++) {
                    String key = "raw/" + i + "." + recordFormat.extension();
                    s3.putObject(b -> b.bucket("dst").key(key), RequestBody.fromBytes(batches.get(i)));
                }
            } else {
                start = System.nanoTime();
                S3DestinationConfiguration config = new S3DestinationConfiguration("dst", "s3conn/", "{id}.{ext}", recordFormat,
                        BATCH, 256L * 1024 * 1024, Duration.ofHours(1), S3DestinationConfiguration.DEFAULT_PART_SIZE,
                        Optional.empty(), Optional.empty(), Optional.empty());
                try (S3BatchWriter writer = new S3BatchWriter(s3, config, batch -> { }, Clock.systemUTC())) {
                    for (int i = 0; i < records; i++) {
                        writer.write(record(i));
                    }
                }
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            System.out.println("result " + elapsedMs + " " + vmHwmKb() + " " + LiveHeap.mostKb());
        }
    }

    private static Record record(int n) {
        byte[] payload = new byte[1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + (n + i) % 26);
        }
        Map<String, String> metadata = new TreeMap<>();
        metadata.put(Metadata.OPENCDC_VERSION, "v1");
        metadata.put(Metadata.OPENCDC_CREATED_AT, Long.toString(1_795_424_524_973_000_000L + n));
        metadata.put(Metadata.S3_KEY, "k/" + n);
        return Record.of(Position.of("bench:" + n), Operation.CREATE, metadata,
                ("k/" + n).getBytes(StandardCharsets.UTF_8), Payload.after(payload));
    }

    private static void clear(TestBed bed) {
        // S3Proxy keeps objects in its heap: free it between phases.
        for (S3Object object : bed.client().listObjectsV2Paginator(b -> b.bucket("dst")).contents()) {
            bed.client().deleteObject(b -> b.bucket("dst").key(object.key()));
        }
    }

    private static long vmHwmKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
    }
}
