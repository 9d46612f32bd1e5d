package io.s3conn.core.record;

/** A line that is not an OpenCDC record in JSON. The message never quotes the line (it may hold data). */
public class MalformedRecordException extends IllegalArgumentException {

    /** @param message what is wrong with the line, without quoting it */
    public MalformedRecordException(String message) {
        super(message);
    }
}
