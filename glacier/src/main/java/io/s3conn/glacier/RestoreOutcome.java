package io.s3conn.glacier;

/** What a RestoreObject request came to. */
public sealed interface RestoreOutcome {

    /** The label used in summaries. */
    String label();

    /** 202 Accepted: a restore was started with this tier. */
    record Started(RestoreTier tier) implements RestoreOutcome {
        @Override public String label() { return "started"; }
    }

    /** 200 OK: already restored; the expiry was extended. */
    record Extended(RestoreTier tier) implements RestoreOutcome {
        @Override public String label() { return "extended"; }
    }

    /** 409 RestoreAlreadyInProgress: nothing to do yet. */
    record InProgress() implements RestoreOutcome {
        @Override public String label() { return "in-progress"; }
    }

    /** Not sent, because S3 would refuse it (e.g. Expedited for DEEP_ARCHIVE). */
    record Refused(String reason) implements RestoreOutcome {
        @Override public String label() { return "refused"; }
    }

    /** 501 NotImplemented: the server has no restores at all (e.g. Ceph RGW, whose classes are labels). */
    record NotImplemented() implements RestoreOutcome {
        @Override public String label() { return "not-implemented"; }
    }

    /**
     * 404 NoSuchKey (or NoSuchVersion): the object was deleted since it was listed, so there is nothing to restore.
     * Not a failure: a long run paced by its rate meets this whenever the bucket changes under it.
     */
    record Gone() implements RestoreOutcome {
        @Override public String label() { return "gone"; }
    }

    /** S3 answered with an error code that is the object's or the request's (a 4xx): the same request fails again. */
    record Failed(String code) implements RestoreOutcome {
        @Override public String label() { return "failed"; }
    }
}
