package io.s3conn.core.record;

/** A line that is not an OpenCDC record in JSON. The message never quotes the line (it may hold data). */
public class MalformedRecordException extends IllegalArgumentException {

    public MalformedRecordException(String message) {
        super(message);
    }
}
