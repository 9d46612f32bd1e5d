package io.s3conn.source.range;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;

import io.s3conn.source.walk.ForwardingWalk;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/**
 * A walk that throws an {@link Error} instead of its {@code n}th page, across all its walks: what a worker thread
 * meets when the JVM runs out of memory while it holds a page, which no S3 server can make happen.
 */
final class FailingWalk<E> extends ForwardingWalk<E, E> {

    private final int failingPage;
    private final Error error;
    private final AtomicInteger pagesListed = new AtomicInteger();

    FailingWalk(Walk<E> underlying, int failingPage, Error error) {
        super(underlying);
        this.failingPage = failingPage;
        this.error = error;
    }

    @Override
    public Iterator<WalkPage<E>> pages(KeyRange range) {
        Iterator<WalkPage<E>> pages = underlying().pages(range);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pages.hasNext();
            }

            @Override
            public WalkPage<E> next() {
                if (pagesListed.incrementAndGet() == failingPage) {
                    throw error;
                }
                return pages.next();
            }
        };
    }
}
