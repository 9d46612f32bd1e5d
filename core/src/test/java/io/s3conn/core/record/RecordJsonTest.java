package io.s3conn.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RecordJsonTest {

    private static final Record CREATE = Record.of(Position.of("s3conn:v1:c:1:a2V5"), Operation.CREATE,
            Map.of(Metadata.OPENCDC_VERSION, "v1", Metadata.S3_KEY, "dir/ünï code\nkey"),
            "dir/ünï code\nkey".getBytes(StandardCharsets.UTF_8), Payload.after(new byte[] {0, 1, (byte) 255}));

    @Test
    void aRecordSurvivesItsJsonLine() {
        assertThat(RecordJson.read(RecordJson.write(CREATE))).isEqualTo(CREATE);
    }

    @Test
    void bytesAreBase64AndAbsentSidesNullAsConduitWritesThem() {
        String line = RecordJson.write(CREATE);

        assertThat(line).contains("\"operation\":\"create\"", "\"before\":null", "\"after\":\"AAH/\"")
                .doesNotContain("\n");
    }

    @Test
    void structuredPayloadsAreKeptAsJsonText() {
        Record record = RecordJson.read("{\"operation\":\"update\",\"key\":\"a2V5\",\"payload\":{\"after\":{\"x\":1}}}");

        assertThat(record.payload().after().map(b -> new String(b, StandardCharsets.UTF_8))).contains("{\"x\":1}");
        assertThat(record.payload().before()).isEqualTo(Optional.empty());
    }

    @Test
    void anUnknownOperationIsMalformed() {
        assertThatThrownBy(() -> RecordJson.read("{\"operation\":\"upsert\"}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("upsert");
    }

    @Test
    void brokenJsonIsMalformedWithoutQuotingTheLine() {
        assertThatThrownBy(() -> RecordJson.read("{\"operation\":\"create\", \"payload\": secret"))
                .isInstanceOf(MalformedRecordException.class).hasMessageNotContaining("secret");
    }

    @Test
    void aSecondRecordOnTheSameLineIsMalformedInsteadOfDropped() {
        String line = RecordJson.write(CREATE);

        assertThatThrownBy(() -> RecordJson.read(line + line))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("more than one JSON value");
    }

    @Test
    void textAfterTheRecordIsMalformed() {
        assertThatThrownBy(() -> RecordJson.read(RecordJson.write(CREATE) + " trailing"))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void aMetadataValueThatIsAnObjectIsMalformedInsteadOfEmptied() {
        assertThatThrownBy(() -> RecordJson.read("{\"operation\":\"create\",\"metadata\":{\"tags\":{\"a\":\"b\"}}}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("tags");
    }

    @Test
    void aNumericMetadataValueIsKeptAsItsText() {
        Record record = RecordJson.read("{\"operation\":\"create\",\"metadata\":{\"n\":42}}");

        assertThat(record.metadata()).containsEntry("n", "42");
    }
}
