package io.s3conn.core.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * Explicit access keys. {@link #toString()} never shows the secret or the session token, so a
 * settings object can be logged or printed in an error without leaking them.
 *
 * @param accessKeyId     the access key id
 * @param secretAccessKey the secret access key
 * @param sessionToken    a session token for temporary credentials
 */
public record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

    /** Refuses a null value, by its name. */
    public StaticCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
    }

    @Override
    public String toString() {
        return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
                + (sessionToken.isPresent() ? ", sessionToken=****" : "") + "]";
    }
}
