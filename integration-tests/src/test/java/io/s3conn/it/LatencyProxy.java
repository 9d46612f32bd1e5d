package io.s3conn.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A slow network in front of any S3 server: a loopback TCP forwarder that holds every chunk a client
 * sends for {@code latency} before passing it on, so that kill-and-resume tests catch a run in the
 * middle on every server alike (the emulator's own latency switch exists only for S3Proxy).
 *
 * <p>Signatures stay valid: clients sign the {@code Host} they send, which is this proxy's, and the
 * server checks the {@code Host} it receives.
 */
public final class LatencyProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final URI upstream;
    /** Read at every chunk: {@link #withoutLatency()} speeds up connections already open too. */
    private volatile Duration latency;
    /** Open until the first chunk a client sent is held. */
    private final CountDownLatch firstRequest = new CountDownLatch(1);

    private LatencyProxy(ServerSocket listener, URI upstream, Duration latency) {
        this.listener = listener;
        this.upstream = upstream;
        this.latency = latency;
    }

    /** Starts forwarding to {@code upstream} (an {@code http://host:port} endpoint) on a free loopback port. */
    public static LatencyProxy start(URI upstream, Duration latency) {
        try {
            LatencyProxy proxy = new LatencyProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstream, latency);
            Thread.ofVirtual().name("latency-proxy").start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where clients connect instead of the server. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getHost(), upstream.getPort());
                Thread.ofVirtual().start(() -> pump(client, server, () -> {
                    firstRequest.countDown();
                    return latency;
                }));
                Thread.ofVirtual().start(() -> pump(server, client, () -> Duration.ZERO));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /**
     * Waits until the first request a client sends through the proxy is held for the latency: from then on, for that
     * long, the client waits for its answer. Tests catch a command at its first request this way (its bucket check), not
     * by sleeping for a guessed start-up time.
     *
     * @throws IllegalStateException when no request came within {@code timeout}
     */
    public void awaitFirstRequest(Duration timeout) throws InterruptedException {
        if (!firstRequest.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("no request came through the proxy within " + timeout);
        }
    }

    /**
     * Forwards at full speed from now on: a run resumed after a kill uses the same endpoint (a checkpoint is
     * refused to another one, even one leading to the same server) without waiting on every request.
     */
    public void withoutLatency() {
        latency = Duration.ZERO;
    }

    /**
     * Holds every chunk for {@code latency} from now on, on connections already open too: slows a run under test at a
     * chosen moment while other processes, connected to the server itself, go on at full speed.
     */
    public void setLatency(Duration latency) {
        this.latency = latency;
    }

    private static void pump(Socket from, Socket to, Supplier<Duration> delays) {
        byte[] buffer = new byte[64 * 1024];
        try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                Duration delay = delays.get();
                if (!delay.isZero()) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException closedByEitherSide) {
            // One side hung up (or the process under test was killed): both sockets are closed above.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
