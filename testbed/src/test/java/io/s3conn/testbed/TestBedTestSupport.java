package io.s3conn.testbed;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import software.amazon.awssdk.services.s3.S3Client;

/** One test bed per test class (S3Proxy takes a second to start); emulator switches reset after each test. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class TestBedTestSupport {

    static final String BUCKET = "testbed-bucket";
    private static final AtomicInteger KEYS = new AtomicInteger();

    static TestBed tb;

    @BeforeAll
    static void startTestBed() {
        tb = TestBed.start();
        tb.createBucket(BUCKET);
    }

    @AfterAll
    static void stopTestBed() {
        if (tb != null) {
            tb.close();
            tb = null;
        }
    }

    @AfterEach
    void resetEmulator() {
        tb.emulator().reset();
    }

    static S3Client s3() {
        return tb.client();
    }

    static ArchiveEmulator emulator() {
        return tb.emulator();
    }

    /** A key no other test uses, so tests sharing the bucket stay independent. */
    static String uniqueKey(String hint) {
        return hint + "-" + KEYS.incrementAndGet();
    }
}
