package io.s3conn.source.change.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueUnavailableExceptionTest {

    @Test
    void anUnreachableQueueIsNamedWithoutItsUserInfo() {
        QueueUnavailableException error = new QueueUnavailableException("http://user:secret@127.0.0.1:1/000000000000/q",
                QueueUnavailableException.Reason.UNREACHABLE, null);

        assertThat(error).hasMessage("cannot reach queue http://127.0.0.1:1/000000000000/q");
    }
}
