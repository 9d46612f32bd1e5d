package io.s3conn.source.state;

/**
 * A saved state was asked to serve a source of another bucket or prefix than the one it was saved for. Refused
 * before anything is read: its rows would make every key of the old scope look deleted, and the new scope's
 * changes would overwrite them.
 */
public final class StateScopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param name  the state's name
     * @param saved the scope the state was saved for
     * @param asked the scope of the source that asked for it
     */
    public StateScopeException(String name, SourceScope saved, SourceScope asked) {
        super("state " + name + " was saved for " + saved + ", not " + asked
                + ": give this source a state name of its own");
    }
}
