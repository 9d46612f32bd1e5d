package io.s3conn.destination.s3;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.destination.format.JsonLinesFormat;
import software.amazon.awssdk.services.s3.S3Client;

class S3BatchWriterTest {

    @Test
    void writingNoRecordIsRefusedByName() {
        try (S3Client s3 = S3Clients.create(S3ConnectionSettings.defaults().withEndpoint(URI.create("http://127.0.0.1:9")));
             S3BatchWriter writer = new S3BatchWriter(s3, S3DestinationConfiguration.of("b", "", new JsonLinesFormat(false)),
                     batch -> { }, Clock.systemUTC())) {
            assertThatThrownBy(() -> writer.write(null)).isInstanceOf(NullPointerException.class).hasMessage("record");
        }
    }
}
