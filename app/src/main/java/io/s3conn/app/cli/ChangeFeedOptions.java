package io.s3conn.app.cli;

import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * Where changes to a bucket are learnt from ({@code source read}, {@code pipeline run} through
 * {@link SourceOptions}, and {@code inventory watch}): S3 event notifications, with a reconciling listing
 * now and then. Read through the settings catalogue ({@link io.s3conn.app.config.ChangeFeedSettings}).
 */
public final class ChangeFeedOptions {

    @Option(names = "--notifications", paramLabel = "sqs:QUEUE_URL")
    Optional<String> notifications;

    @Option(names = "--reconcile-every", paramLabel = "DURATION")
    Optional<String> reconcileEvery;
}
