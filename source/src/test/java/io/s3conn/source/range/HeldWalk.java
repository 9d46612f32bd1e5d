package io.s3conn.source.range;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.s3conn.source.walk.ForwardingWalk;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/**
 * A walk whose first pages of the range that starts the key space (the one a planner lists through the walk, and
 * the first part's) are listed at once, and every other request waits until {@link #release()}: until then, the plan
 * and that page are the only answers a walk on it has had (its limit grew by one for each).
 *
 * @param <E> the entry type
 */
final class HeldWalk<E> extends ForwardingWalk<E, E> {

    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger firstSent = new AtomicInteger();

    HeldWalk(Walk<E> underlying) {
        super(underlying);
    }

    /** Lets every request waiting, and every later one, through. */
    void release() {
        released.countDown();
    }

    @Override
    public Iterator<WalkPage<E>> pages(KeyRange range) {
        if (range.after().isPresent() || firstSent.incrementAndGet() > 2) {
            await();
        }
        return underlying().pages(range);
    }

    @Override
    public List<String> foldersAfter(String parent, String after) {
        await();
        return super.foldersAfter(parent, after);
    }

    private void await() {
        try {
            // Bounded, so that a walk that never hands the first page over fails the test instead of hanging it.
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the held requests were never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
    }

    /** The live threads named {@code name}. */
    static Set<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                .collect(Collectors.toSet());
    }

    /** How many live threads named {@code name} there are that were not in {@code before}. */
    static int newThreadsNamed(String name, Set<Thread> before) {
        return (int) threadsNamed(name).stream().filter(t -> !before.contains(t)).count();
    }
}
