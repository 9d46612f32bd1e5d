package io.s3conn.testbed;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchPerfTest extends TestBedTestSupport {
    @Test
    void perf() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20000; i++) keys.add(String.format("perf/%06d", i));
        long t = System.nanoTime();
        tb.putMany(BUCKET, keys, 32);
        long put = (System.nanoTime() - t) / 1_000_000;
        t = System.nanoTime();
        long n = s3().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("perf/")).contents().stream().count();
        long list = (System.nanoTime() - t) / 1_000_000;
        System.out.println("PERF put20k=" + put + "ms list=" + list + "ms n=" + n);
    }
}
