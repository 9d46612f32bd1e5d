package io.s3conn.testbed;

/**
 * Ports for {@link TestBed#start(TestBedOptions)}; 0 picks a free port.
 *
 * @param emulatorPort where the archive emulator (the endpoint clients use) listens
 * @param s3ProxyPort  where S3Proxy itself listens
 */
public record TestBedOptions(int emulatorPort, int s3ProxyPort) {

    public TestBedOptions {
        if (emulatorPort < 0 || emulatorPort > 65535 || s3ProxyPort < 0 || s3ProxyPort > 65535) {
            throw new IllegalArgumentException("ports must be within 0..65535");
        }
    }

    /** Free ports for both. */
    public static TestBedOptions defaults() {
        return new TestBedOptions(0, 0);
    }

    public TestBedOptions withEmulatorPort(int port) {
        return new TestBedOptions(port, s3ProxyPort);
    }

    public TestBedOptions withS3ProxyPort(int port) {
        return new TestBedOptions(emulatorPort, port);
    }
}
