package io.s3conn.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * An object holds a key twice. Thrown by {@link Json#readOneWithUniqueKeys(String)}: read into a tree, the second
 * value would replace the first without a word. The message names the key and quotes no value, which may be a secret.
 */
public final class DuplicateJsonKeyException extends JsonProcessingException {

    private final String key;

    /**
     * @param key      the key written twice
     * @param location where its second occurrence was read
     */
    public DuplicateJsonKeyException(String key, JsonLocation location) {
        super("key \"" + key + "\" written twice", location);
        this.key = key;
    }

    /** The key written twice. */
    public String key() {
        return key;
    }
}
