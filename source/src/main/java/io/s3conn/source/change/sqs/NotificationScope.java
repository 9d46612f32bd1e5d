package io.s3conn.source.change.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.s3conn.core.text.TerminalText;

/**
 * Which events of a queue a reader is for: one bucket, keys under one prefix, some kinds of event. Sorts
 * each received message the same way for every reader (the source's change detector, the inventory's
 * watch): a malformed message is logged and left to the queue's redrive policy, a test event and a message
 * with nothing for this reader are deleted at once, and the reader gets the events that are its to apply.
 *
 * @param bucket the bucket events must be about
 * @param prefix the prefix their keys must start with
 * @param kinds  the kinds of event the reader applies
 */
public record NotificationScope(String bucket, String prefix, Set<ObjectEvent.Kind> kinds) {

    private static final System.Logger LOG = System.getLogger(NotificationScope.class.getName());

    /** Checks and copies the values. */
    public NotificationScope {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        kinds = Set.copyOf(kinds);
    }

    /**
     * The events of {@code message} for this reader, in message order. When there are none, the message is
     * done with here (deleted, or released when malformed); otherwise the reader deletes it once it applied them.
     */
    public List<ObjectEvent> sort(QueueMessage message, SqsNotifications queue) {
        switch (NotificationMessages.parse(message.body())) {
            case NotificationMessage.Malformed malformed -> {
                // Escaped: the reason may quote the message's body, which anyone who may send to the queue wrote.
                LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("message " + message.messageId() + " of "
                        + queue.shownUrl() + " is no S3 event message (" + malformed.reason()
                        + "); left to the queue's redrive policy"));
                queue.release(message);
                return List.of();
            }
            case NotificationMessage.TestEvent test -> {
                queue.countSkipped();
                queue.delete(message);
                return List.of();
            }
            case NotificationMessage.Events events -> {
                List<ObjectEvent> mine = new ArrayList<>();
                for (ObjectEvent event : events.events()) {
                    if (covers(event)) {
                        mine.add(event);
                    } else {
                        queue.countSkipped();
                    }
                }
                if (mine.isEmpty()) {
                    queue.delete(message);
                }
                return mine;
            }
        }
    }

    /** Whether the event is about this bucket, under this prefix, and of a kind the reader applies. */
    public boolean covers(ObjectEvent event) {
        return event.bucket().equals(bucket) && event.key().startsWith(prefix) && kinds.contains(event.kind());
    }
}
