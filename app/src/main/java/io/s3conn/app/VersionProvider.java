package io.s3conn.app;

import picocli.CommandLine.IVersionProvider;

/** Prints the version the build stamped into the jar's manifest. */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"s3conn " + (version == null ? "development build" : version)};
    }
}
