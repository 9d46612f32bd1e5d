package io.s3conn.testbed.events;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.s3conn.core.text.TerminalText;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Sends event messages to SQS queues named by ARN, the way S3 does it, with the {@link DeliverySwitches}
 * applied. Messages leave from one background thread in the order they were queued (unless reordered).
 */
final class QueueDelivery implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(QueueDelivery.class.getName());

    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "emulator-notifications");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicInteger pending = new AtomicInteger();
    private final List<Message> held = new ArrayList<>();
    private volatile SqsClient sqs;
    private DeliverySwitches switches = DeliverySwitches.none();
    private Random random = new Random(switches.seed());

    private record Message(String queueArn, String body) {
    }

    /** Delivers to the SQS server at {@code endpoint} from now on. */
    synchronized void connect(URI endpoint, String region) {
        SqsClient previous = sqs;
        sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("s3-emulator", "s3-emulator")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)))
                .build();
        queueUrls.clear();
        if (previous != null) {
            previous.close();
        }
    }

    synchronized DeliverySwitches switches() {
        return switches;
    }

    synchronized void switches(DeliverySwitches value) {
        switches = value;
        random = new Random(value.seed());
    }

    /**
     * Sends a message at once, bypassing the switches (S3's test event when a configuration is set).
     *
     * @throws IllegalArgumentException when the queue cannot be reached
     */
    void sendNow(String queueArn, String body) {
        try {
            send(new Message(queueArn, body));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unable to validate the following destination configurations: "
                    + queueArn + " (" + e.getMessage() + ")", e);
        }
    }

    /** Queues a message for delivery with the switches applied. */
    synchronized void deliver(String queueArn, String body) {
        if (switches.dropRate() > 0 && random.nextDouble() < switches.dropRate()) {
            dropped.increment();
            return;
        }
        Message message = new Message(queueArn, body);
        boolean twice = switches.duplicateRate() > 0 && random.nextDouble() < switches.duplicateRate();
        if (twice) {
            duplicated.increment();
        }
        for (int copy = 0; copy < (twice ? 2 : 1); copy++) {
            pending.incrementAndGet();
            if (switches.reorder()) {
                if (held.isEmpty()) {
                    sender.schedule(this::releaseHeld, switches.reorderWindow().plus(switches.delay()).toMillis(),
                            TimeUnit.MILLISECONDS);
                }
                held.add(message);
            } else {
                sender.schedule(() -> sendCounted(message), switches.delay().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void releaseHeld() {
        List<Message> batch;
        synchronized (this) {
            batch = new ArrayList<>(held).reversed();
            held.clear();
        }
        batch.forEach(this::sendCounted);
    }

    private void sendCounted(Message message) {
        try {
            send(message);
        } catch (RuntimeException e) {
            failed.increment();
            // Escaped, as s3conn's log lines: the queue's answer is the server's text.
            LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("cannot deliver an event message to "
                    + message.queueArn() + ": " + e));
        } finally {
            pending.decrementAndGet();
        }
    }

    private void send(Message message) {
        SqsClient client = sqs;
        if (client == null) {
            throw new IllegalStateException("no SQS server connected to the emulator");
        }
        String name = message.queueArn().substring(message.queueArn().lastIndexOf(':') + 1);
        String url = queueUrls.computeIfAbsent(name, n -> client.getQueueUrl(b -> b.queueName(n)).queueUrl());
        try {
            client.sendMessage(b -> b.queueUrl(url).messageBody(message.body()));
        } catch (SqsException e) {
            queueUrls.remove(name); // the queue may have been deleted and made again
            throw e;
        }
        sent.increment();
    }

    /** Waits until every queued message was sent (or failed); false when {@code timeout} passed first. */
    boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    DeliveryCounts counts() {
        return new DeliveryCounts(sent.sum(), dropped.sum(), duplicated.sum(), failed.sum());
    }

    @Override
    public void close() {
        sender.shutdownNow();
        SqsClient client = sqs;
        if (client != null) {
            client.close();
        }
    }
}
