package io.s3conn.source.position;

/** A position string that is neither an s3conn nor a Conduit S3 position. */
public class MalformedPositionException extends IllegalArgumentException {

    /** @param message what is wrong with the position, and the forms expected */
    public MalformedPositionException(String message) {
        super(message);
    }
}
