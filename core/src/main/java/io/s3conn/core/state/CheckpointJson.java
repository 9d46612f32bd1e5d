package io.s3conn.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.s3conn.core.json.Json;
import io.s3conn.core.json.JsonErrors;

/**
 * A stored checkpoint's JSON read back. A row edited or cut short by hand is damage the user must see in one line:
 * said with the words {@link JsonErrors} gives a {@code --config} file (what was expected, line and column), not
 * Jackson's, and as an {@link IllegalStateException} naming the checkpoint, which the CLI reports as a database error.
 */
public final class CheckpointJson {

    private CheckpointJson() {
    }

    /**
     * The one JSON value stored under {@code name}: text after it is damage too, not something to drop unread.
     *
     * @throws IllegalStateException when {@code json} is not one JSON value
     */
    public static JsonNode read(String name, String json) {
        try {
            return Json.readOne(json).orElseThrow(() -> new IllegalStateException(damaged(name, "it holds no JSON value")));
        } catch (JsonProcessingException e) {
            // Jackson's exception stays the cause, for --verbose.
            throw new IllegalStateException(damaged(name, JsonErrors.describe(e)), e);
        }
    }

    /** The one line a damaged checkpoint is reported with: {@code checkpoint NAME is damaged and cannot be read: WHY}. */
    public static String damaged(String name, String why) {
        return "checkpoint " + name + " is damaged and cannot be read: " + why;
    }
}
