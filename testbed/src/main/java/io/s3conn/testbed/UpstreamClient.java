package io.s3conn.testbed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A minimal HTTP/1.1 client with keep-alive pooling that sends a request exactly as given.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it refuses to set {@code Host} unless a system property
 * is set before its classes initialise (which another library in the same JVM may already have
 * done), and it decides on its own about {@code Content-Length} and {@code User-Agent}. SigV4 and
 * SigV2 signatures cover {@code Host} and the {@code x-amz-*} headers, so the proxy must pass the
 * client's headers through untouched; writing the request line and headers ourselves is the simplest
 * way to guarantee that. Bodies are buffered in memory, which is fine for a test server.
 */
final class UpstreamClient implements Closeable {

    private static final int MAX_LINE = 64 * 1024;
    private static final int READ_TIMEOUT_MILLIS = 120_000;

    private final int port;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    UpstreamClient(int port) {
        this.port = port;
    }

    /**
     * Sends one request. {@code headers} must not contain hop-by-hop or framing headers; a
     * {@code Content-Length} is added when {@code sendContentLength} is set.
     */
    Reply send(String method, String target, List<Reply.Header> headers, byte[] body, boolean sendContentLength)
            throws IOException {
        Connection pooled = idle.pollFirst();
        if (pooled != null) {
            try {
                return exchange(pooled, method, target, headers, body, sendContentLength);
            } catch (StaleConnection e) {
                // The server closed the idle connection before we used it: nothing was processed, retry.
                pooled.close();
            }
        }
        try {
            return exchange(new Connection(), method, target, headers, body, sendContentLength);
        } catch (StaleConnection e) {
            throw (IOException) e.getCause();
        }
    }

    private Reply exchange(Connection c, String method, String target, List<Reply.Header> headers, byte[] body,
                              boolean sendContentLength) throws IOException {
        boolean answered = false;
        try {
            StringBuilder head = new StringBuilder(512);
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            for (Reply.Header h : headers) {
                head.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
            if (sendContentLength) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            // Header values are ISO-8859-1 on the wire; HttpServer decoded them that way too.
            c.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            c.out.write(body);
            c.out.flush();

            String statusLine = readLine(c.in);
            if (statusLine == null) {
                throw new EOFException("connection closed before a response");
            }
            answered = true;
            String[] parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1]);
            boolean keepAlive = !parts[0].equals("HTTP/1.0");
            List<Reply.Header> responseHeaders = new ArrayList<>();
            for (String line = readLine(c.in); line != null && !line.isEmpty(); line = readLine(c.in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    responseHeaders.add(new Reply.Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
                }
            }
            Reply response = new Reply(status, responseHeaders, new byte[0]);
            String connection = response.header("Connection");
            if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
                keepAlive = false;
            }
            byte[] responseBody;
            String transferEncoding = response.header("Transfer-Encoding");
            String contentLength = response.header("Content-Length");
            if (method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
                responseBody = new byte[0];
            } else if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                responseBody = readChunked(c.in);
            } else if (contentLength != null) {
                responseBody = c.in.readNBytes(Integer.parseInt(contentLength.trim()));
                if (responseBody.length != Integer.parseInt(contentLength.trim())) {
                    throw new EOFException("truncated response body");
                }
            } else {
                responseBody = c.in.readAllBytes();
                keepAlive = false;
            }
            if (keepAlive) {
                c.reused = true;
                idle.offerFirst(c);
            } else {
                c.close();
            }
            return new Reply(status, responseHeaders, responseBody);
        } catch (IOException | RuntimeException e) {
            c.close();
            if (!answered && c.reused) {
                throw new StaleConnection(e);
            }
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new EOFException("truncated chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                // skip trailers up to the empty line
                for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                    // ignored
                }
                return out.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("truncated chunk");
            }
            out.write(chunk);
            readLine(in); // CRLF after the chunk
        }
    }

    /** Reads a CRLF (or LF) terminated line as ISO-8859-1; null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("response line too long");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            c.close();
        }
    }

    /** Failure on a reused connection before any response byte: safe to retry on a fresh one. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection(Throwable cause) {
            super(cause);
        }
    }

    private final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        boolean reused;

        Connection() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do about it
            }
        }
    }
}
