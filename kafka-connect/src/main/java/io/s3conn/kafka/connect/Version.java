package io.s3conn.kafka.connect;

/** The version the connectors report to the worker: the jar's implementation version, when the jar says. */
public final class Version {

    private Version() {
    }

    /** The version, or {@code unknown} when run from classes rather than the jar. */
    public static String get() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
