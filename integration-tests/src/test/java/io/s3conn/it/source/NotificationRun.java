package io.s3conn.it.source;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.s3conn.core.jdbc.Database;
import io.s3conn.it.Fixtures;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.change.ChangeFeed;
import io.s3conn.source.change.sqs.SqsNotifications;
import io.s3conn.source.change.sqs.SqsSettings;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One source with {@code --notifications} on a bucket's queue, driven from the test thread as a host
 * does ({@link HostedSource}).
 */
final class NotificationRun extends HostedSource {

    /** One-second long polls, so that a drained queue is seen quickly. */
    static final SqsSettings SETTINGS = new SqsSettings(Duration.ofSeconds(1), Duration.ofSeconds(4), 1000);

    private final SqsNotifications queue;

    private NotificationRun(SqsNotifications queue, S3SourceConfiguration config, Database database, Duration reconcileEvery) {
        super(new S3Source(SourceFixtures.sourceClient(), database, config, Optional.empty(), Clock.systemUTC(),
                new ChangeFeed.Notifications(queue, reconcileEvery)));
        this.queue = queue;
    }

    NotificationRun(String bucket, Database database, SqsClient sqs, String queueUrl, Duration reconcileEvery) {
        this(SourceFixtures.config(bucket, "it:" + bucket), database, sqs, queueUrl, reconcileEvery);
    }

    NotificationRun(String bucket, Database database, String queueUrl, Duration reconcileEvery) {
        this(bucket, database, Fixtures.sqs().client(), queueUrl, reconcileEvery);
    }

    /** A source configured as {@code config} says, its CDC fed by the queue. */
    NotificationRun(S3SourceConfiguration config, Database database, SqsClient sqs, String queueUrl, Duration reconcileEvery) {
        this(new SqsNotifications(sqs, queueUrl, SETTINGS), config, database, reconcileEvery);
    }

    @Override
    NotificationRun started() throws InterruptedException {
        super.started();
        return this;
    }

    SqsNotifications queue() {
        return queue;
    }
}
