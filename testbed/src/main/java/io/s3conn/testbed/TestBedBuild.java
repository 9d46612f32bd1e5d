package io.s3conn.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the build wrote into {@code testbed.properties}: where the jars of the child servers are. */
public final class TestBedBuild {

    private TestBedBuild() {
    }

    /** The value of {@code name} in {@code testbed.properties}. */
    public static String property(String name) {
        Properties props = new Properties();
        try (InputStream in = TestBedBuild.class.getResourceAsStream("testbed.properties")) {
            if (in == null) {
                throw new IllegalStateException("testbed.properties missing from the classpath");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = props.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("testbed.properties has no " + name);
        }
        return value;
    }
}
