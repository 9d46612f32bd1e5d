package io.s3conn.source.range;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A key set held in memory, probed as S3 would answer: for unit tests of the splitting logic. */
final class SortedKeys implements KeyProbe {

    private final List<String> keys;
    private final AtomicInteger probes = new AtomicInteger();

    SortedKeys(List<String> keys) {
        this.keys = keys.stream().distinct().sorted(KeyRange.KEY_ORDER).toList();
    }

    @Override
    public Optional<String> firstKeyAfter(Optional<String> after) {
        probes.incrementAndGet();
        return keys.stream().filter(k -> after.map(a -> KeyRange.compareKeys(k, a) > 0).orElse(true)).findFirst();
    }

    int probes() {
        return probes.get();
    }

    long countIn(KeyRange range) {
        return keys.stream().filter(range::contains).count();
    }

    List<String> keys() {
        return keys;
    }
}
