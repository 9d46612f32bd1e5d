package io.s3conn.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.s3conn.core.net.Urls;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.source.change.ChangeFeed;
import io.s3conn.source.change.sqs.SqsClients;
import io.s3conn.source.change.sqs.NotificationStats;
import io.s3conn.source.change.sqs.SqsNotifications;
import io.s3conn.source.change.sqs.SqsSettings;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where a source's CDC learns of changes, from the settings: listing (no {@code notifications}), or
 * S3 event notifications from an SQS queue with a reconciling listing every {@code reconcile-every}.
 *
 * @param queueUrl       the queue of {@code notifications: sqs:<queue url>}, if set
 * @param reconcileEvery the time between reconciling listings
 */
public record ChangeFeedSettings(Optional<URI> queueUrl, Duration reconcileEvery) {

    private static final String SCHEME = "sqs:";
    /** What a bucket's notification configuration names, and so what users paste instead of the queue's URL. */
    private static final Pattern QUEUE_ARN = Pattern.compile("arn:aws(-[a-z-]+)?:sqs:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_.-]+)");

    /** Checks the values. */
    public ChangeFeedSettings {
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(reconcileEvery, "reconcileEvery");
        if (reconcileEvery.isZero() || reconcileEvery.isNegative()) {
            throw new ConfigurationException("reconcile-every must be positive, was " + reconcileEvery);
        }
    }

    /**
     * The change feed of {@code values}.
     *
     * @throws ConfigurationException for a {@code notifications} value that is not {@code sqs:<http(s) url>}, and
     *                                for settings that would be ignored: {@code reconcile-every} without
     *                                {@code notifications}, {@code notifications} with {@code mode: snapshot}
     */
    public static ChangeFeedSettings of(SettingValues values) {
        Optional<URI> queue;
        try {
            queue = values.find(Settings.NOTIFICATIONS).map(ChangeFeedSettings::queue);
        } catch (IllegalArgumentException e) {
            throw values.refused(Settings.NOTIFICATIONS, e);
        }
        if (queue.isEmpty() && values.given(Settings.RECONCILE_EVERY)) {
            throw values.invalid(Settings.RECONCILE_EVERY, "applies to notifications only (--notifications "
                    + "sqs:<queue url>); without them every CDC poll and every sync is a listing already");
        }
        if (queue.isPresent() && values.find(Settings.MODE).filter("snapshot"::equalsIgnoreCase).isPresent()) {
            throw values.invalid(Settings.NOTIFICATIONS, "needs CDC: mode snapshot reads no changes (mode all or cdc)");
        }
        return new ChangeFeedSettings(queue, values.require(Settings.RECONCILE_EVERY));
    }

    private static URI queue(String value) {
        if (!value.startsWith(SCHEME)) {
            throw new IllegalArgumentException("must be sqs:<queue url>, e.g. "
                    + "sqs:https://sqs.us-east-1.amazonaws.com/123456789012/bucket-events, was: " + Urls.withoutUserInfo(value));
        }
        if (value.substring(SCHEME.length()).isBlank()) {
            throw new IllegalArgumentException("must give the queue's URL after sqs:, e.g. "
                    + "sqs:https://sqs.us-east-1.amazonaws.com/123456789012/bucket-events, was: " + value);
        }
        Matcher arn = QUEUE_ARN.matcher(value.substring(SCHEME.length()));
        if (arn.matches()) {
            String domain = "-cn".equals(arn.group(1)) ? "amazonaws.com.cn" : "amazonaws.com";
            throw new IllegalArgumentException("must give the queue's URL, not its ARN: sqs:https://sqs."
                    + arn.group(2) + "." + domain + "/" + arn.group(3) + "/" + arn.group(4) + ", was: " + value);
        }
        try {
            URI parsed = new URI(value.substring(SCHEME.length()));
            if (!Urls.hasValidPort(parsed)) {
                // Named as --endpoint-url's is: the form alone would not say that the port is what is wrong.
                throw new IllegalArgumentException("must have a port from 1 to 65535, was: "
                        + SCHEME + Urls.withoutUserInfo(parsed.toString()));
            }
            URI url = Urls.http(parsed).orElseThrow(() -> new URISyntaxException(value, "not an http(s) URL"));
            if (url.getPath() == null || url.getPath().replace("/", "").isEmpty()) {
                // The endpoint alone: SQS would answer the first request with a bare "InvalidAction" (exit 1).
                throw new IllegalArgumentException("must give the queue's URL, not the server's alone, e.g. "
                        + "sqs:https://sqs.us-east-1.amazonaws.com/123456789012/bucket-events, was: "
                        + SCHEME + Urls.withoutUserInfo(url.toString()));
            }
            return url;
        } catch (URISyntaxException e) {
            // 127.0.0.1:9324/q (the scheme left out) parses as a URI of scheme 127.0.0.1: told the form it lacks.
            throw new IllegalArgumentException("must be sqs:http(s)://host[:port]/account/queue, e.g. "
                    + "sqs:https://sqs.us-east-1.amazonaws.com/123456789012/bucket-events, was: "
                    + SCHEME + Urls.shown(value.substring(SCHEME.length())));
        }
    }

    /**
     * Opens the feed for one source run, read as {@link #reading} says for a run that stops when idle or not; the
     * SQS client and the queue's reader are closed with the result.
     */
    public Opened open(S3ConnectionSettings connection, boolean stopWhenIdle) {
        return openQueue(connection, reading(stopWhenIdle))
                .map(queue -> new Opened(new ChangeFeed.Notifications(queue.reader(), reconcileEvery), Optional.of(queue.client())))
                .orElseGet(() -> new Opened(ChangeFeed.listing(), Optional.empty()));
    }

    /**
     * How a run reads the queue: with the default 20 s long polls, or, for a run that stops when idle (which needs a
     * receive that comes back empty), 1 s ones, so that it stops within a second or two of the queue running dry
     * instead of waiting out a 20 s poll.
     */
    public static SqsSettings reading(boolean stopWhenIdle) {
        SqsSettings defaults = SqsSettings.defaults();
        return stopWhenIdle ? new SqsSettings(Duration.ofSeconds(1), defaults.visibility(), defaults.maxInFlight()) : defaults;
    }

    /** The queue's reader and its SQS client, when {@code notifications} is set; the caller closes it. */
    public Optional<OpenedQueue> openQueue(S3ConnectionSettings connection) {
        return openQueue(connection, SqsSettings.defaults());
    }

    /**
     * The queue's reader, reading as {@code reading} says, and its SQS client; the caller closes it. The queue
     * answers first (one request), so that a wrong queue fails the run before anything is read.
     *
     * @throws io.s3conn.source.change.sqs.QueueUnavailableException when the queue does not exist, refuses access,
     *                                                                 does not answer, or its URL's server answers
     *                                                                 but not as SQS
     */
    public Optional<OpenedQueue> openQueue(S3ConnectionSettings connection, SqsSettings reading) {
        return queueUrl.map(url -> {
            SqsClient sqs = SqsClients.create(connection, url);
            SqsNotifications reader = new SqsNotifications(sqs, url.toString(), reading);
            try {
                reader.checkQueue();
            } catch (RuntimeException e) {
                sqs.close();
                throw e;
            }
            return new OpenedQueue(reader, sqs);
        });
    }

    /** An opened feed; closing it closes the SQS client (the source closes the queue's reader). */
    public record Opened(ChangeFeed feed, Optional<SqsClient> client) implements AutoCloseable {

        /** What the queue's reader did so far (messages received, malformed), or empty when changes come from listing. */
        public Optional<NotificationStats> notificationStats() {
            return feed instanceof ChangeFeed.Notifications notifications
                    ? Optional.of(notifications.queue().stats()) : Optional.empty();
        }

        @Override
        public void close() {
            client.ifPresent(SqsClient::close);
        }
    }

    /** A queue's reader with its client; closing closes both. */
    public record OpenedQueue(SqsNotifications reader, SqsClient client) implements AutoCloseable {

        @Override
        public void close() {
            reader.close();
            client.close();
        }
    }
}
