package io.s3conn.source.walk;

import java.util.List;
import java.util.Objects;

/**
 * A walk built on another: it lists through the other, so what it tells about requests sent, page size,
 * range ends and the {@code RestoreStatus} attribute is the other's. Subclasses say how pages are made.
 *
 * @param <S> the entry type of the walk underneath
 * @param <E> the entry type of this walk
 */
public abstract class ForwardingWalk<S, E> implements Walk<E> {

    private final Walk<S> underlying;

    /** @param underlying the walk this one lists through */
    protected ForwardingWalk(Walk<S> underlying) {
        this.underlying = Objects.requireNonNull(underlying, "underlying");
    }

    /** The walk this one lists through. */
    protected final Walk<S> underlying() {
        return underlying;
    }

    @Override
    public List<String> foldersAfter(String parent, String after) {
        return underlying.foldersAfter(parent, after);
    }

    @Override
    public long requestCount() {
        return underlying.requestCount();
    }

    @Override
    public boolean restoreStatusRequested() {
        return underlying.restoreStatusRequested();
    }

    @Override
    public boolean restoreStatusRejected() {
        return underlying.restoreStatusRejected();
    }

    @Override
    public int pageSize() {
        return underlying.pageSize();
    }

    @Override
    public boolean endsAtUpperBound() {
        return underlying.endsAtUpperBound();
    }
}
