package io.s3conn.testbed.events;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code QueueConfiguration} of a bucket's notification configuration: which events go to which queue.
 *
 * @param id       the configuration id ({@code configurationId} in the messages)
 * @param queueArn the destination queue
 * @param events   event types as configured, e.g. {@code s3:ObjectCreated:*} or {@code s3:ObjectRemoved:Delete}
 * @param prefix   the key prefix filter rule, if any
 * @param suffix   the key suffix filter rule, if any
 */
public record QueueConfiguration(String id, String queueArn, List<String> events, Optional<String> prefix,
                                 Optional<String> suffix) {

    /** Checks every value is given; copies the events. */
    public QueueConfiguration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queueArn, "queueArn");
        events = List.copyOf(events);
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(suffix, "suffix");
    }

    /**
     * Whether an event {@code eventName} (as in messages, e.g. {@code ObjectCreated:Put}) on {@code key} goes here.
     * S3 matches the filter rules against the key as messages carry it, URL-encoded: a rule for keys with spaces
     * or {@code =} is written {@code my+dir/} or {@code year%3D2024/}.
     */
    public boolean matches(String eventName, String key) {
        String encoded = S3EventMessages.encodeKey(key);
        return prefix.map(encoded::startsWith).orElse(true)
                && suffix.map(encoded::endsWith).orElse(true)
                && events.stream().anyMatch(type -> typeMatches(type, eventName));
    }

    /** {@code s3:ObjectCreated:*} covers every {@code ObjectCreated:...}; other types match exactly. */
    static boolean typeMatches(String configured, String eventName) {
        String type = configured.startsWith("s3:") ? configured.substring(3) : configured;
        return type.endsWith(":*") ? eventName.startsWith(type.substring(0, type.length() - 1)) : type.equals(eventName);
    }

    /** The queue's name: the last part of its ARN. */
    public String queueName() {
        return queueArn.substring(queueArn.lastIndexOf(':') + 1);
    }
}
