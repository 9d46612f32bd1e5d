package io.s3conn.app.cli;

/** What s3conn's exit status means. README documents the same table. */
public enum ExitCode {
    /** The command did what it was asked. */
    OK(0),
    /** Anything not covered below; the message says what. */
    FAILURE(1),
    /** Bad usage or configuration: unknown flag, malformed config file, unsupported database URL, missing bucket option. */
    USAGE(2),
    /** The bucket does not exist, or access to it was refused (wrong or missing credentials, no permission, wrong region). */
    BUCKET_OR_ACCESS(3),
    /** The S3 endpoint could not be reached, dropped the connection or did not answer in time, after retries. */
    UNREACHABLE(4),
    /** The database could not be opened or written, or holds a damaged checkpoint. */
    DATABASE(5),
    /** An input record is malformed; the message gives its line number. Records before it were stored. */
    INPUT(6),
    /** {@code inventory restore --wait} reached its {@code --timeout} before every object was readable. */
    TIMEOUT(7),
    /** Another s3conn run holds the same state in the same database: a sync of the same scope, a pipeline or {@code source read --state} of the same state. */
    BUSY(8),
    /**
     * {@code inventory restore}, or a source with {@code restore-archived} ({@code source read}, {@code pipeline run}):
     * the server does not implement restores (RestoreObject answered 501 NotImplemented).
     */
    RESTORES_NOT_IMPLEMENTED(9),
    /**
     * The S3 server kept throttling (503 SlowDown, 429) or failing (5xx) a request through every retry: a passing
     * condition, so a script may run the command again later (it resumes).
     */
    SERVER_UNAVAILABLE(10),
    /**
     * A command with an end of its own ({@code inventory sync}, {@code inventory restore --wait}) was stopped by Ctrl-C
     * (SIGINT) before it was done; the conventional 128 + 2. Commands that run until stopped exit 0 instead.
     */
    INTERRUPTED(130),
    /** The same, stopped by SIGTERM ({@code kill}, systemd, Kubernetes); the conventional 128 + 15. */
    TERMINATED(143);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
