import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in S3 endpoint for bench/startup.sh: records when each request arrives (epoch nanoseconds and the
 * request path, one line each) and answers every request with S3's NoSuchBucket error, so that the command
 * under test stops right after its first request. Run as a single-file program:
 * {@code java bench/FirstRequestListener.java PORT_FILE ARRIVALS_FILE}; it writes its loopback port to PORT_FILE.
 */
public final class FirstRequestListener {

    private static final byte[] NO_SUCH_BUCKET = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);

    private FirstRequestListener() {
    }

    public static void main(String[] args) throws IOException {
        Path arrivals = Path.of(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> answer(exchange, arrivals));
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        Files.writeString(Path.of(args[0]), Integer.toString(server.getAddress().getPort()));
    }

    private static void answer(HttpExchange exchange, Path arrivals) throws IOException {
        // Taken before anything else: the arrival is what the benchmark measures.
        Instant arrived = Instant.now();
        long nanos = arrived.getEpochSecond() * 1_000_000_000L + arrived.getNano();
        synchronized (FirstRequestListener.class) {
            Files.writeString(arrivals, nanos + " " + exchange.getRequestURI() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(404, NO_SUCH_BUCKET.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(NO_SUCH_BUCKET);
        }
    }
}
