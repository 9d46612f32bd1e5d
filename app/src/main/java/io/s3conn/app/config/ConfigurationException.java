package io.s3conn.app.config;

/** The user's configuration is wrong: a bad flag value, a malformed config file, a missing setting. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
