package io.s3conn.testbed.sqs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An SQS endpoint on {@code 127.0.0.1} that refuses every request as Amazon SQS refuses credentials it does not take:
 * ElasticMQ accepts any credentials, so no real server here answers so. The answer is Amazon SQS's in the AWS JSON
 * protocol its clients speak: HTTP 403, the JSON-protocol {@code __type}, and the query protocol's code in
 * {@code x-amzn-query-error}, which the SDK reports as the error code (Amazon SQS keeps its query-protocol codes).
 *
 * <pre>{@code
 * try (CredentialRefusingSqs sqs = CredentialRefusingSqs.start(CredentialRefusingSqs.Refusal.EXPIRED_TOKEN)) {
 *     String queueUrl = sqs.queueUrl("events");
 * }
 * }</pre>
 */
public final class CredentialRefusingSqs implements AutoCloseable {

    /** Which credential Amazon SQS found wrong, with the words it answers. */
    public enum Refusal {
        /** An access key id it does not know. */
        UNKNOWN_ACCESS_KEY_ID("UnrecognizedClientException", "InvalidClientTokenId",
                "The security token included in the request is invalid."),
        /** A known access key id with another secret. */
        WRONG_SECRET("InvalidSignatureException", "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                        + "Access Key and signing method. Consult the service documentation for details."),
        /** Temporary credentials whose session token has expired. */
        EXPIRED_TOKEN("ExpiredTokenException", "ExpiredToken", "The security token included in the request is expired");

        private final String jsonType;
        private final String queryCode;
        private final String message;

        Refusal(String jsonType, String queryCode, String message) {
            this.jsonType = jsonType;
            this.queryCode = queryCode;
            this.message = message;
        }

        /** The error code the SDK reports: SQS's query-protocol code. */
        public String code() {
            return queryCode;
        }
    }

    private final HttpServer server;

    private CredentialRefusingSqs(HttpServer server) {
        this.server = server;
    }

    /** Starts the endpoint on a free port. */
    public static CredentialRefusingSqs start(Refusal refusal) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", exchange -> refuse(exchange, refusal));
            server.start();
            return new CredentialRefusingSqs(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refuse(HttpExchange exchange, Refusal refusal) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"__type\":\"com.amazon.coral.service#" + refusal.jsonType + "\",\"message\":\""
                    + refusal.message + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.getResponseHeaders().set("x-amzn-query-error", refusal.queryCode + ";Sender");
            // The SDK reads a signature refusal as possible clock skew and compares this with its own clock.
            exchange.getResponseHeaders().set("Date",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** The URL a queue of this name would have here. */
    public String queueUrl(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + ElasticMqServer.ACCOUNT + "/" + name)
                .toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
