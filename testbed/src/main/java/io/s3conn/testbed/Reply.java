package io.s3conn.testbed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An HTTP response on its way to the client: either S3Proxy's (possibly rewritten) or the emulator's own.
 * Headers keep their received order and spelling; the list is mutable so they can be rewritten.
 */
record Reply(int status, List<Header> headers, byte[] body) {

    /** One header line. */
    record Header(String name, String value) {
    }

    Reply {
        headers = new ArrayList<>(headers);
    }

    String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    void removeHeader(String name) {
        headers.removeIf(h -> h.name().equalsIgnoreCase(name));
    }

    void setHeader(String name, String value) {
        removeHeader(name);
        headers.add(new Header(name, value));
    }

    Reply withBody(byte[] newBody) {
        return new Reply(status, headers, newBody);
    }

    boolean successful() {
        return status / 100 == 2;
    }

    /** An S3 XML error such as Amazon S3 sends it. */
    static Reply s3Error(int status, String code, String message, String resource, String... extraNameValues) {
        String requestId = requestId();
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Content-Type", "application/xml"));
        headers.add(new Header("x-amz-request-id", requestId));
        return new Reply(status, headers, S3Xml.error(code, message, resource, requestId, extraNameValues));
    }

    static Reply empty(int status) {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("x-amz-request-id", requestId()));
        return new Reply(status, headers, new byte[0]);
    }

    /** Request ids in the style of S3's: 16 upper-case hex digits. */
    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }

    static Reply json(int status, String json) {
        return new Reply(status, List.of(new Header("Content-Type", "application/json")),
                json.getBytes(StandardCharsets.UTF_8));
    }
}
