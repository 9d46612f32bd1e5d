package io.s3conn.glacier;

/** An {@code x-amz-restore} value that does not follow the documented form. */
public class MalformedRestoreHeaderException extends IllegalArgumentException {

    /** @param message what is wrong with the value */
    public MalformedRestoreHeaderException(String message) {
        super(message);
    }
}
