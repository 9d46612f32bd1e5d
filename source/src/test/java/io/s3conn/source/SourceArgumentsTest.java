package io.s3conn.source;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import software.amazon.awssdk.services.s3.S3Client;

/** What the source's entry points say of a missing argument: its name, not an exception from deep inside. No request is sent. */
class SourceArgumentsTest {

    private final S3Client s3 = S3Clients.create(S3ConnectionSettings.defaults().withEndpoint(URI.create("http://127.0.0.1:9")));
    private final Database database = Database.temporary();

    @AfterEach
    void close() {
        database.close();
        s3.close();
    }

    @Test
    void aPollWithoutATimeoutIsRefusedByName() {
        try (S3Source source = new S3Source(s3, database, S3SourceConfiguration.of("b", ""), Optional.empty(), Clock.systemUTC())) {
            assertThatThrownBy(() -> source.poll(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        }
    }

    @Test
    void aPumpWithoutASourceIsRefusedByName() {
        assertThatThrownBy(() -> new RecordPump(null)).isInstanceOf(NullPointerException.class).hasMessage("source");
    }
}
