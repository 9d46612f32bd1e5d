package io.s3conn.source.change.sqs;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.s3conn.core.net.Urls;
import io.s3conn.core.s3.RequestFailure;
import io.s3conn.core.text.TerminalText;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;

/**
 * Reads an SQS queue of S3 event notifications for one change detector: long-polled ReceiveMessage
 * on a thread of its own (up to 10 messages a request, so an idle queue costs 3 requests a minute),
 * deletes in batches once the detector says a message is done, and keeps every message it holds
 * hidden from other readers by extending its visibility before it runs out. A message the detector
 * {@linkplain #release releases} (malformed) is neither deleted nor extended: SQS delivers it again
 * and its redrive policy moves it to a dead-letter queue in the end.
 *
 * <p>Failed SQS requests are counted and retried after a pause that doubles up to half a minute; they never
 * stop the stream, except a queue that does not exist, refuses access or answers not as SQS does
 * ({@link QueueUnavailableException}, from {@link #checkQueue()} before a reader starts, or from {@link #take}
 * once the receiving loop met it).
 * The reader is made with {@link #SqsNotifications}, runs from {@link #start()}, and on {@link #close()}
 * makes what it holds undeleted visible again at once, for the next reader.
 */
public final class SqsNotifications implements AutoCloseable {

    /** How long one attempt of the start's queue check may take: a GetQueueAttributes, answered in milliseconds. */
    static final Duration CHECK_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** How long the queue check may take, retries included. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(SqsNotifications.class.getName());
    private static final Duration HOUSEKEEPING = Duration.ofMillis(100);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(30);
    /**
     * How long past its wait time a receive may go unanswered before this reader no longer counts as receiving: the
     * client gives up on a server that took the connection and went silent only after minutes (4 attempts of 40 s).
     */
    private static final Duration UNANSWERED_RECEIVE = Duration.ofSeconds(10);
    /** {@link #receiveSentAt} while no ReceiveMessage is on its way. */
    private static final long NO_RECEIVE = Long.MIN_VALUE;
    private static final int MALFORMED_IDS_KEPT = 10_000;

    private final SqsClient sqs;
    private final String queueUrl;
    private final SqsSettings settings;
    private final BlockingQueue<QueueMessage> received = new LinkedBlockingQueue<>();
    /** Messages held (received, neither deleted nor released), by receipt handle: when their visibility ends. */
    private final Map<String, Instant> held = new ConcurrentHashMap<>();
    private final BlockingQueue<QueueMessage> toDelete = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Released by {@link #close()}: ends the pauses of both threads at once. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private final LongAdder requests = new LongAdder();
    private final LongAdder receives = new LongAdder();
    private final LongAdder receivedCount = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder extensions = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder emptyReceives = new LongAdder();
    /** The number (in the order sent, from 1) of the latest ReceiveMessage answered; 0 before the first. */
    private volatile long lastAnsweredReceive;
    /** Whether the latest ReceiveMessage failed: until one is answered again, messages may wait in the queue unseen. */
    private volatile boolean receiveFailing;
    /** When the ReceiveMessage on its way was sent ({@link System#nanoTime()}); {@link #NO_RECEIVE} while none is. */
    private volatile long receiveSentAt = NO_RECEIVE;
    /**
     * The ids of the malformed messages met (the latest 10,000): SQS delivers each again every visibility timeout
     * until its redrive policy moves it, and it is counted once.
     */
    private final Set<String> malformedIds = Collections.newSetFromMap(new LinkedHashMap<String, Boolean>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MALFORMED_IDS_KEPT;
        }
    });
    /** Set when the receiving loop met a queue that cannot be read: {@link #take} throws it. */
    private volatile QueueUnavailableException unavailable;
    /**
     * What ended the receiving thread other than an SQS answer (out of memory, a bug): handed to the reader, which
     * otherwise took no message for good while the source or the watch went on as if the queue were quiet.
     */
    private volatile Throwable receiverFailure;
    private volatile Thread receiver;
    private Thread housekeeper;

    /**
     * @param sqs      the client, owned by the caller
     * @param queueUrl the queue S3 (or EventBridge) sends the bucket's events to
     */
    public SqsNotifications(SqsClient sqs, String queueUrl, SqsSettings settings) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The queue read. */
    public String queueUrl() {
        return queueUrl;
    }

    /** The queue read, as messages and log lines name it: without the user info its URL may carry. */
    public String shownUrl() {
        return Urls.withoutUserInfo(queueUrl);
    }

    /**
     * Asks SQS for the queue's ARN: one request, so that a host fails at once, with one line, on a queue that
     * does not exist, refuses access, does not answer, or is no SQS queue at all, instead of reading the bucket
     * first and retrying the queue for ever.
     *
     * @throws QueueUnavailableException when the queue does not exist, refuses access, does not answer, or its URL's
     *                                   server answers but not as SQS
     * @throws SdkException              for anything else SQS answers, or a request that could not be sent (no
     *                                   credentials)
     */
    public void checkQueue() {
        try {
            requests.increment();
            GetQueueAttributesResponse answer = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)
                    // No long poll: the client's 40 s a read, made for receives, let a server that took the connection
                    // and went silent hold the start 4 attempts of 40 s, about 2.7 minutes without a word.
                    .overrideConfiguration(o -> o.apiCallAttemptTimeout(CHECK_ATTEMPT_TIMEOUT).apiCallTimeout(CHECK_TIMEOUT)));
            // SQS always names the ARN asked for: a server that answers with JSON of its own would pass the check, and
            // then every receive would find nothing, for ever.
            if (!answer.attributes().containsKey(QueueAttributeName.QUEUE_ARN)) {
                throw new QueueUnavailableException(queueUrl, QueueUnavailableException.Reason.NOT_SQS, null);
            }
        } catch (SdkClientException e) {
            if (notSqsJson(e)) {
                // Answered, in words the SQS client cannot read (an HTML page, an S3 server's XML): before the reader
                // starts, a wrong URL, which waiting would not mend.
                throw new QueueUnavailableException(queueUrl, QueueUnavailableException.Reason.NOT_SQS, e);
            }
            if (!unanswered(e)) {
                throw e; // not the endpoint's doing (no credentials, say): reported as what it is
            }
            // Before the reader starts, an endpoint that does not answer is a wrong URL more likely than an outage.
            throw new QueueUnavailableException(queueUrl, QueueUnavailableException.Reason.UNREACHABLE, e);
        } catch (SdkException e) {
            throw unavailable(e).orElseThrow(() -> e);
        }
    }

    /** Whether a request failed for want of an answer: no connection, a broken one, or none in time. */
    private static boolean unanswered(SdkClientException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Whether a request was answered with a body that is not SQS's JSON. */
    private static boolean notSqsJson(SdkClientException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    /** What an SQS failure means when it will not pass by waiting. */
    private Optional<QueueUnavailableException> unavailable(SdkException e) {
        if (e instanceof QueueDoesNotExistException) {
            return Optional.of(new QueueUnavailableException(queueUrl, QueueUnavailableException.Reason.MISSING, e));
        }
        if (e instanceof AwsServiceException service) {
            String code = RequestFailure.code(service).orElse("");
            if (code.contains("NonExistentQueue") || code.contains("QueueDoesNotExist")) {
                return Optional.of(new QueueUnavailableException(queueUrl, QueueUnavailableException.Reason.MISSING, e));
            }
            // Before the status: retrying a refused credential gets the same refusal, whichever status it came with.
            if (QueueUnavailableException.credentialRefusal(code).isPresent()) {
                return Optional.of(new QueueUnavailableException(queueUrl, QueueUnavailableException.Reason.REFUSED, e));
            }
            // SQS names an error code in every error answer, in each of its protocols: a client error without one
            // comes from another server (an S3 endpoint refusing a request signed for SQS, a web server's 404 page).
            // Not 408 or 429, which a proxy in front of SQS may send and which pass.
            int status = service.statusCode();
            if (code.isEmpty() && status >= 400 && status < 500 && status != 408 && status != 429) {
                return Optional.of(new QueueUnavailableException(queueUrl, QueueUnavailableException.Reason.NOT_SQS, e));
            }
            if (status == 403 || code.contains("AccessDenied")) {
                return Optional.of(new QueueUnavailableException(queueUrl, QueueUnavailableException.Reason.REFUSED, e));
            }
        }
        return Optional.empty();
    }

    /** Starts receiving. */
    public synchronized void start() {
        if (receiver != null) {
            return;
        }
        receiver = Thread.ofPlatform().daemon().name("s3conn-sqs-receive").start(this::receive);
        housekeeper = Thread.ofPlatform().daemon().name("s3conn-sqs-housekeeping").start(this::housekeepingLoop);
    }

    /**
     * The messages received and not yet taken, at most {@code max}; waits until {@code deadline} for the
     * first one when none is there.
     */
    public List<QueueMessage> take(Instant deadline, int max) throws InterruptedException {
        QueueUnavailableException failure = unavailable;
        if (failure != null && received.isEmpty()) {
            throw failure;
        }
        Throwable died = receiverFailure;
        if (died != null && received.isEmpty()) {
            if (died instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("receiving from " + shownUrl() + " stopped: " + died, died);
        }
        List<QueueMessage> out = new ArrayList<>();
        long waitMillis = Duration.between(Instant.now(), deadline).toMillis();
        QueueMessage first = waitMillis > 0 ? received.poll(waitMillis, TimeUnit.MILLISECONDS) : received.poll();
        if (first != null) {
            out.add(first);
            received.drainTo(out, max - 1);
        }
        return out;
    }

    /** Whether messages were received that are neither deleted nor released yet (taken or not). */
    public boolean holdsMessages() {
        return !held.isEmpty() || !received.isEmpty();
    }

    /** How many ReceiveMessage requests came back empty: each says the queue was drained for a moment. */
    public long emptyReceives() {
        return emptyReceives.sum();
    }

    /** How many ReceiveMessage requests were sent (or are being sent): the next one to be sent is this number plus one. */
    public long receivesSent() {
        return receives.sum();
    }

    /**
     * The number (in the order sent, from 1) of the latest ReceiveMessage that was answered, with messages or without;
     * 0 before the first. Once this exceeds what {@link #receivesSent()} said at some moment, a request sent after that
     * moment was answered: every message in the queue then was received (or was hidden by another reader).
     */
    public long lastAnsweredReceive() {
        return lastAnsweredReceive;
    }

    /**
     * Whether this reader is receiving: started, and its latest ReceiveMessage did not fail, nor go unanswered
     * {@link #UNANSWERED_RECEIVE} past its wait time (a server that went silent). While it is, a long poll
     * is outstanding (or about to be sent), so a message that reaches the queue is received at once rather than waiting
     * there unseen. Safe from any thread.
     */
    public boolean receiving() {
        long sentAt = receiveSentAt;
        boolean overdue = sentAt != NO_RECEIVE
                && System.nanoTime() - sentAt > settings.waitTime().plus(UNANSWERED_RECEIVE).toNanos();
        return receiver != null && receiver.isAlive() && !receiveFailing && !overdue && unavailable == null && !closed.get();
    }

    /** The message is done with: deleted soon, in a batch. Safe from any thread. */
    public void delete(QueueMessage message) {
        if (held.remove(message.receiptHandle()) != null) {
            toDelete.add(message);
        }
    }

    /**
     * A message that is no S3 event message: counted (once, however often SQS delivers it again), and left for SQS
     * to deliver again (and dead-letter).
     */
    public void release(QueueMessage message) {
        held.remove(message.receiptHandle());
        boolean first;
        synchronized (malformedIds) {
            first = malformedIds.add(message.messageId());
        }
        if (first) {
            malformed.increment();
        }
    }

    /**
     * A message the reader could not apply now (S3 or the database failed): neither deleted nor extended, so
     * SQS delivers it again once its visibility runs out, and the reader tries again then.
     */
    public void retryLater(QueueMessage message) {
        held.remove(message.receiptHandle());
    }

    /** Counts events skipped for being outside what the reader is for. */
    public void countSkipped() {
        skipped.increment();
    }

    /** Counts events older than, or the same as, one already applied to their key. */
    public void countStale() {
        stale.increment();
    }

    /** What the reader did so far. */
    public NotificationStats stats() {
        return new NotificationStats(requests.sum(), receives.sum(), receivedCount.sum(), deleted.sum(), malformed.sum(),
                skipped.sum(), stale.sum(), extensions.sum(), errors.sum());
    }

    private void receive() {
        try {
            receiveLoop();
        } catch (RuntimeException | Error e) {
            receiverFailure = e;
        }
    }

    private void receiveLoop() {
        int visibilitySeconds = (int) settings.visibility().toSeconds();
        int waitSeconds = (int) settings.waitTime().toSeconds();
        Duration retryPause = RETRY_PAUSE;
        while (!closed.get()) {
            if (held.size() >= settings.maxInFlight()) {
                pause(HOUSEKEEPING);
                continue;
            }
            try {
                requests.increment();
                receives.increment();
                long sequence = receives.sum(); // exact: this thread alone counts receives
                receiveSentAt = System.nanoTime();
                ReceiveMessageResponse response;
                try {
                    response = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(waitSeconds)
                            .visibilityTimeout(visibilitySeconds)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
                } finally {
                    receiveSentAt = NO_RECEIVE;
                }
                Instant visibleAt = Instant.now().plusSeconds(visibilitySeconds);
                if (closed.get()) {
                    handBack(response.messages().stream().map(Message::receiptHandle).toList());
                    return;
                }
                retryPause = RETRY_PAUSE;
                receiveFailing = false;
                if (response.messages().isEmpty()) {
                    emptyReceives.increment();
                }
                for (Message message : response.messages()) {
                    receivedCount.increment();
                    QueueMessage taken = new QueueMessage(message.messageId(), message.receiptHandle(), message.body(),
                            Integer.parseInt(message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")));
                    held.put(taken.receiptHandle(), visibleAt);
                    received.add(taken);
                }
                // After its messages are there to take: a reader that sees the answer finds them too.
                lastAnsweredReceive = sequence;
            } catch (SdkException e) {
                if (closed.get()) {
                    return;
                }
                errors.increment();
                receiveFailing = true;
                Optional<QueueUnavailableException> fatal = unavailable(e);
                if (fatal.isPresent()) {
                    unavailable = fatal.get();
                    return;
                }
                // Escaped, as every log line here: the server's message is the server's text.
                LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("receiving from " + shownUrl() + " failed; retrying in "
                        + retryPause.toSeconds() + " s: " + e.getMessage()));
                pause(retryPause);
                retryPause = retryPause.multipliedBy(2).compareTo(LONGEST_RETRY_PAUSE) > 0 ? LONGEST_RETRY_PAUSE
                        : retryPause.multipliedBy(2);
            }
        }
    }

    private void housekeepingLoop() {
        while (!closed.get()) {
            pause(HOUSEKEEPING);
            try {
                deletePending();
                extendExpiring();
            } catch (SdkException e) {
                if (closed.get()) {
                    return; // close() deletes what is left
                }
                errors.increment();
                LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("deleting or extending messages of " + shownUrl()
                        + " failed: " + e.getMessage()));
                pause(RETRY_PAUSE);
            }
        }
    }

    private void deletePending() {
        List<QueueMessage> batch = new ArrayList<>(10);
        while (toDelete.drainTo(batch, 10) > 0) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(batch.get(i).receiptHandle()).build());
            }
            requests.increment();
            // A failed entry (its receipt handle expired: the message was delivered again) is harmless: the
            // redelivery finds its records emitted and is deleted then.
            deleted.add(sqs.deleteMessageBatch(d -> d.queueUrl(queueUrl).entries(entries)).successful().size());
            batch.clear();
        }
    }

    /** Extends the messages whose visibility ends within half the timeout, by a whole timeout. */
    private void extendExpiring() {
        Instant now = Instant.now();
        Instant soon = now.plus(settings.visibility().dividedBy(2));
        List<String> expiring = held.entrySet().stream().filter(e -> e.getValue().isBefore(soon)).map(Map.Entry::getKey).toList();
        for (int from = 0; from < expiring.size(); from += 10) {
            List<String> handles = expiring.subList(from, Math.min(expiring.size(), from + 10));
            changeVisibility(handles, (int) settings.visibility().toSeconds());
            Instant visibleAt = now.plus(settings.visibility());
            handles.forEach(h -> held.computeIfPresent(h, (k, v) -> visibleAt));
            extensions.add(handles.size());
        }
    }

    private void changeVisibility(List<String> receiptHandles, int seconds) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(receiptHandles.size());
        for (int i = 0; i < receiptHandles.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(receiptHandles.get(i)).visibilityTimeout(seconds).build());
        }
        requests.increment();
        sqs.changeMessageVisibilityBatch(c -> c.queueUrl(queueUrl).entries(entries));
    }

    /**
     * Stops receiving; deletes what is done; makes every message still held visible again at once, so a next
     * reader gets it without waiting out its visibility. Does not wait for a long poll in progress: its
     * messages, if any, come back after their visibility timeout.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        if (housekeeper != null) {
            // Woken from its pause, not interrupted: a delete it is sending completes instead of being lost.
            try {
                housekeeper.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            deletePending();
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.DEBUG, TerminalText.escaped("cannot delete the finished messages of " + shownUrl() + ": "
                    + e.getMessage()));
        }
        handBack(new ArrayList<>(held.keySet()));
        held.clear();
        if (receiver != null) {
            receiver.interrupt();
        }
    }

    /** Makes messages visible to the next reader at once; best effort (else they come back after their timeout). */
    private void handBack(List<String> receiptHandles) {
        try {
            for (int from = 0; from < receiptHandles.size(); from += 10) {
                changeVisibility(receiptHandles.subList(from, Math.min(receiptHandles.size(), from + 10)), 0);
            }
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.DEBUG, TerminalText.escaped("cannot hand back the messages of " + shownUrl() + ": "
                    + e.getMessage()));
        }
    }

    /** Waits {@code duration}, or less once {@link #close()} was called. */
    private void pause(Duration duration) {
        try {
            closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
