package io.s3conn.it.source;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.testbed.S3Server;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@link SourceHarness}es a test opens, each closed once the test is over. A test class registers one with
 * {@code @RegisterExtension final SourceHarnesses harnesses = new SourceHarnesses();} and opens its harnesses
 * through it, so that no test class keeps its own list of them to close.
 */
final class SourceHarnesses implements AfterEachCallback {

    private final List<SourceHarness> open = new ArrayList<>();

    /** Snapshot then CDC of {@code bucket} on the test bed, inline content, positions saved. */
    SourceHarness of(String bucket) {
        return opened(SourceHarness.of(bucket));
    }

    /** Snapshot then CDC of {@code bucket} on {@code server}, inline content, positions saved. */
    SourceHarness of(S3Server server, String bucket) {
        return opened(SourceHarness.of(server, bucket));
    }

    /** Snapshot (or as {@code config} says) of its bucket read through {@code s3}, a client of the test's own. */
    SourceHarness of(S3Client s3, S3SourceConfiguration config) {
        return opened(new SourceHarness(s3, config));
    }

    private SourceHarness opened(SourceHarness harness) {
        open.add(harness);
        return harness;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(SourceHarness::close);
        open.clear();
    }
}
