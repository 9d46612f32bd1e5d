package io.s3conn.app.cli;

/** An input record could not be read; the message names the line. */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }
}
