package io.s3conn.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Text that should hold one JSON value holds another value after it (two objects, an object and a number...).
 * Thrown by {@link Json#readOne(String)}; its location is where the extra value starts. The message quotes
 * nothing of the text, which may hold secrets.
 */
public final class ExtraJsonValueException extends JsonProcessingException {

    /** @param location where the extra value starts */
    public ExtraJsonValueException(JsonLocation location) {
        super("more than one JSON value", location);
    }
}
