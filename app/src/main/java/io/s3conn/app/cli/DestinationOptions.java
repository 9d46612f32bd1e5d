package io.s3conn.app.cli;

import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * How records are written into a bucket ({@code destination write}, {@code pipeline run}). Read through
 * the settings catalogue like every setting flag; the fields only give picocli somewhere to put them.
 */
public final class DestinationOptions {

    @Option(names = "--format", paramLabel = "FORMAT")
    Optional<String> format;

    @Option(names = "--compression", paramLabel = "CODEC")
    Optional<String> compression;

    @Option(names = "--key-template", paramLabel = "TEMPLATE")
    Optional<String> keyTemplate;

    @Option(names = "--buffer-size", paramLabel = "N")
    Optional<String> bufferSize;

    @Option(names = "--max-batch-bytes", paramLabel = "SIZE")
    Optional<String> maxBatchBytes;

    @Option(names = "--flush-interval", paramLabel = "DURATION")
    Optional<String> flushInterval;

    @Option(names = "--storage-class", paramLabel = "CLASS")
    Optional<String> storageClass;

    @Option(names = "--sse", paramLabel = "ALGORITHM")
    Optional<String> sse;

    @Option(names = "--sse-kms-key-id", paramLabel = "KEY")
    Optional<String> kmsKeyId;

    @Option(names = "--acl", paramLabel = "ACL")
    Optional<String> acl;
}
