package io.s3conn.source.change.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sqs.model.SqsException;

class QueueUnavailableExceptionTest {

    @Test
    void anUnreachableQueueIsNamedWithoutItsUserInfo() {
        QueueUnavailableException error = new QueueUnavailableException("http://user:secret@127.0.0.1:1/000000000000/q",
                QueueUnavailableException.Reason.UNREACHABLE, null);

        assertThat(error).hasMessage("cannot reach queue http://127.0.0.1:1/000000000000/q");
    }

    @Test
    void aUrlThatIsNoQueueIsNamedWithoutItsUserInfoAndWithTheStatusItAnswered() {
        QueueUnavailableException error = new QueueUnavailableException("http://user:secret@127.0.0.1:1/000000000000/q",
                QueueUnavailableException.Reason.NOT_SQS, SqsException.builder().statusCode(405).build());

        assertThat(error).hasMessage("queue URL http://127.0.0.1:1/000000000000/q did not answer as an SQS queue "
                + "(HTTP 405 without an SQS error code): check that it is the queue's URL, not the S3 endpoint's");
    }
}
