package io.s3conn.testbed.sqs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.s3conn.testbed.LoopbackProcess;
import io.s3conn.testbed.TestBedBuild;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ, a real SQS-compatible server, in a JVM of its own on {@code 127.0.0.1} (in-process, its
 * Scala and Pekko jars would share our classpath). Queues are created through the SQS API.
 *
 * <pre>{@code
 * try (ElasticMqServer sqs = ElasticMqServer.start()) {
 *     String url = sqs.createQueue("events");
 *     sqs.client().sendMessage(m -> m.queueUrl(url).messageBody("{}"));
 * }
 * }</pre>
 */
public final class ElasticMqServer implements AutoCloseable {

    /** Overrides the classpath file location written into {@code testbed.properties} by the build. */
    public static final String CLASSPATH_PROPERTY = "s3conn.testbed.elasticmq-classpath";
    /** ElasticMQ accepts any credentials; these are what our clients send. */
    public static final String ACCESS_KEY_ID = "s3conn-sqs-key";
    public static final String SECRET_ACCESS_KEY = "s3conn-sqs-secret";
    /** The region and account in queue ARNs. */
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final LoopbackProcess process;
    private final Path workDir;
    private final SqsClient client;

    private ElasticMqServer(LoopbackProcess process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
        this.client = newClient(process.endpoint());
    }

    /** Starts ElasticMQ on a free port and waits until it answers. */
    public static ElasticMqServer start() {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("s3conn-elasticmq-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RuntimeException last = null;
        // A free port found up front can be taken by someone else before ElasticMQ binds it: retry then.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return new ElasticMqServer(launch(LoopbackProcess.freePort(), workDir), workDir);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private static LoopbackProcess launch(int port, Path workDir) {
        Path config = workDir.resolve("elasticmq-" + port + ".conf");
        try {
            Files.writeString(config, """
                    include classpath("application.conf")
                    node-address { protocol = "http", host = "127.0.0.1", port = %d, context-path = "" }
                    rest-sqs { enabled = true, bind-port = %d, bind-hostname = "127.0.0.1", sqs-limits = strict }
                    rest-stats { enabled = false }
                    aws { region = "%s", accountId = "%s" }
                    pekko.loglevel = "INFO"
                    """.formatted(port, port, REGION, ACCOUNT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LoopbackProcess.start("ElasticMQ", List.of(LoopbackProcess.javaExecutable(), "-Xmx256m",
                        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dconfig.file=" + config,
                        "-cp", classpath(), "org.elasticmq.server.Main"),
                port, workDir.resolve("elasticmq-" + port + ".log"), STARTUP_TIMEOUT);
    }

    /** ElasticMQ's classpath, as resolved by the build (module {@code testbed-elasticmq}). */
    static String classpath() {
        String override = System.getProperty(CLASSPATH_PROPERTY);
        Path file = Path.of(override != null && !override.isBlank() ? override : TestBedBuild.property("elasticmq.classpath"));
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("ElasticMQ classpath not found at " + file
                    + " (build the testbed-elasticmq module, or set -D" + CLASSPATH_PROPERTY + ")", e);
        }
    }

    /** An SQS client for {@code endpoint}: the JDK's URLConnection HTTP client, fixed credentials. */
    public static SqsClient newClient(URI endpoint) {
        return clientBuilder(endpoint).build();
    }

    /** A builder of such a client, for a test that adds to it (an interceptor that injects a failure). */
    public static SqsClientBuilder clientBuilder(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)));
    }

    /** Where SQS clients send requests. */
    public URI endpoint() {
        return process.endpoint();
    }

    /** A shared client, closed with the server. */
    public SqsClient client() {
        return client;
    }

    /** Creates a queue (or finds the one of that name) with a 30 s visibility timeout; returns its URL. */
    public String createQueue(String name) {
        return createQueue(name, Map.of());
    }

    /** Creates a queue (or finds the one of that name) with {@code attributes}; returns its URL. */
    public String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        return client.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    /** The messages {@code queueUrl} holds, waiting or received and not yet deleted (ElasticMQ's approximate counts). */
    public long messagesLeft(String queueUrl) {
        return client.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().values().stream().mapToLong(Long::parseLong).sum();
    }

    /**
     * A new queue {@code queue} that {@code bucket} sends the events of {@code events} to (for keys ending in
     * {@code suffix} when given), set as Amazon S3 is: PutBucketNotificationConfiguration through {@code s3}; its URL.
     */
    public String subscribe(S3Client s3, String bucket, String queue, Optional<String> suffix, Event... events) {
        String url = createQueue(queue);
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(c -> c
                .queueConfigurations(q -> {
                    q.queueArn(queueArn(queue)).events(events);
                    suffix.ifPresent(value -> q.filter(f -> f.key(k -> k.filterRules(r -> r.name("suffix").value(value)))));
                })));
        return url;
    }

    /** The ARN of queue {@code name}, as S3 notification configurations name it. */
    public static String queueArn(String name) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
    }

    /** ElasticMQ's output, for diagnosing failures. */
    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            process.close();
            try (var files = Files.list(workDir)) {
                files.forEach(f -> f.toFile().delete());
                Files.deleteIfExists(workDir);
            } catch (IOException ignored) {
                // a leftover temp dir is harmless
            }
        }
    }
}
