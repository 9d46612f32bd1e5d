package io.s3conn.source.change.sqs;

import java.util.List;

/** What one queue message holds, once read. */
sealed interface NotificationMessage {

    /** S3 events ({@code {"Records":[...]}}, or one EventBridge event). */
    record Events(List<ObjectEvent> events) implements NotificationMessage {

        /** Copies the events. */
        public Events {
            events = List.copyOf(events);
        }
    }

    /** The {@code s3:TestEvent} S3 sends when a notification configuration is set: nothing happened. */
    record TestEvent() implements NotificationMessage {
    }

    /** Not an S3 event message in any shape known: left to the queue's redrive policy. */
    record Malformed(String reason) implements NotificationMessage {

        /** Keeps the reason's first line: it is logged as one line (a parser's message goes on with its location). */
        public Malformed {
            reason = reason == null ? "" : reason.lines().findFirst().orElse("");
        }
    }
}
