package io.s3conn.glacier;

/**
 * The server answered RestoreObject with {@code 501 NotImplemented}: it has no restores (Ceph RGW,
 * whose storage classes are placement labels and whose objects are readable without one).
 */
public final class RestoresNotImplementedException extends RuntimeException {

    /** @param bucket the bucket whose server answered so */
    public RestoresNotImplementedException(String bucket) {
        super("the server of bucket " + bucket + " does not implement restores (RestoreObject answered 501 NotImplemented)");
    }
}
