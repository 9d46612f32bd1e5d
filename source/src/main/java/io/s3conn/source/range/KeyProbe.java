package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Where keys actually are: the first key of a scope after a point, as one {@code max-keys=1} listing
 * finds it. Splitting ranges asks this instead of listing them.
 */
@FunctionalInterface
interface KeyProbe {

    /** The first key of the scope after {@code after} (exclusive), or after the start when empty; empty when none. */
    Optional<String> firstKeyAfter(Optional<String> after);

    /**
     * The first key after each of {@code points}, probed at once, in their order: however many points, it
     * costs about one round trip. A failed probe fails them all.
     */
    default List<Optional<String>> firstKeysAfter(List<String> points) {
        if (points.size() <= 1) {
            return points.stream().map(point -> firstKeyAfter(Optional.of(point))).toList();
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<String>>> probes = new ArrayList<>(points.size());
            for (String point : points) {
                probes.add(pool.submit(() -> firstKeyAfter(Optional.of(point))));
            }
            List<Optional<String>> found = new ArrayList<>(points.size());
            for (Future<Optional<String>> probe : probes) {
                found.add(probe.get());
            }
            return found;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing where keys are", e);
        }
    }
}
