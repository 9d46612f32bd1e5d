package io.s3conn.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    void aBlankLineIsMalformedAsNoJsonObject() {
        assertThatThrownBy(() -> RecordJson.read("  "))
                .isInstanceOf(MalformedRecordException.class).hasMessage("not a JSON object");
    }

    @Test
    void brokenJsonIsMalformedWithoutQuotingTheLine() {
        assertThatThrownBy(() -> RecordJson.read("{\"operation\":\"create\", \"payload\": secret"))
                .isInstanceOf(MalformedRecordException.class).hasMessageNotContaining("secret");
    }

    /** Before, "not valid JSON (column 31)": what was wrong there, the line did not say. */
    @Test
    void brokenJsonSaysWhatTheParserExpectedAndAtWhichColumn() {
        assertThatThrownBy(() -> RecordJson.read("{\"operation\":\"create\" \"key\": \"k\"}"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessage("not valid JSON: expected ',' or '}' after a value in an object (column 23)");
    }

    /** Before, Jackson's 20,000,000-character limit on strings failed the line with a NullPointerException. */
    @Test
    void aPayloadOfSixteenMegabytesSurvivesItsJsonLine() {
        byte[] bytes = new byte[16_000_000];
        Arrays.fill(bytes, (byte) 'x');
        Record record = Record.of(Position.of("p"), Operation.CREATE, Map.of(), new byte[] {'k'}, Payload.after(bytes));

        assertThat(RecordJson.read(RecordJson.write(record)).payload().after()).hasValueSatisfying(
                after -> assertThat(after).isEqualTo(bytes));
    }

    /** Before, the reader's limit on numbers failed the line with a NullPointerException (exit 1, not 6). */
    @Test
    void aNumberLongerThanTheReaderAllowsIsMalformedAndNamesTheLimit() {
        String line = "{\"operation\":\"create\",\"payload\":{\"after\":{\"n\":" + "9".repeat(5_000) + "}}}";

        assertThatThrownBy(() -> RecordJson.read(line)).isInstanceOf(MalformedRecordException.class)
                .hasMessage("a JSON value exceeds the reader's limits: Number value length (5000) exceeds the maximum "
                        + "allowed (1000)");
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

    @Test
    void structuredKeysAndPayloadsAreWrittenBackAsTheObjectsTheyWere() {
        String line = "{\"position\":\"cDE=\",\"operation\":\"update\",\"metadata\":{\"a\":\"b\"},\"key\":{\"id\":7},"
                + "\"payload\":{\"before\":\"eWVsbG93\",\"after\":{\"id\":7,\"tags\":[\"x\"],\"n\":{\"m\":null}}}}";

        assertThat(RecordJson.write(RecordJson.read(line))).isEqualTo(line);
    }

    @Test
    void theStructuredPartsOfARecordAreNamed() {
        Record record = RecordJson.read("{\"operation\":\"create\",\"key\":{\"id\":7},\"payload\":{\"after\":\"AAE=\"}}");

        assertThat(record.structured()).containsExactly(DataPart.KEY);
    }

    @Test
    void numbersInStructuredDataAreKeptExactlyInsteadOfRoundedToDoubles() {
        Record record = RecordJson.read("{\"operation\":\"create\",\"payload\":{\"after\":"
                + "{\"price\":0.1000000000000000000001,\"huge\":1e400,\"cents\":1.50}}}");

        assertThat(new String(record.payload().after().orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("{\"price\":0.1000000000000000000001,\"huge\":1E+400,\"cents\":1.50}");
    }

    @Test
    void aNullMetadataValueStaysNullInsteadOfBecomingTheWordNull() {
        Record record = RecordJson.read("{\"operation\":\"create\",\"metadata\":{\"n\":null}}");

        assertThat(record.metadata()).containsEntry("n", null);
        assertThat(RecordJson.write(record)).contains("\"metadata\":{\"n\":null}");
    }

    @Test
    void aPrintablePositionAsTheKafkaConnectSourceWritesItIsTakenAsItsText() {
        Record record = RecordJson.read("{\"position\":\"s3conn:v1:snapshot:1700000000000:YQ\",\"operation\":\"snapshot\"}");

        assertThat(record.position().printable()).isEqualTo("s3conn:v1:snapshot:1700000000000:YQ");
    }

    @Test
    void aBase64PositionIsDecodedAsConduitWritesIt() {
        Record record = RecordJson.read("{\"position\":\"czNjb25uOnYxOmM6MTphMlY1\",\"operation\":\"create\"}");

        assertThat(record.position().printable()).isEqualTo("s3conn:v1:c:1:a2V5");
    }

    @Test
    void structuredDataThatIsNoJsonObjectIsRefusedInsteadOfBreakingTheLine() {
        Record record = Record.of(Position.of("p"), Operation.CREATE, Map.of(), "[1,".getBytes(StandardCharsets.UTF_8),
                Payload.EMPTY, Set.of(DataPart.KEY));

        assertThatThrownBy(() -> RecordJson.write(record)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStructuredPayloadSideMustBePresent() {
        assertThatThrownBy(() -> Record.of(Position.of("p"), Operation.DELETE, Map.of(), new byte[0], Payload.EMPTY,
                Set.of(DataPart.AFTER))).isInstanceOf(IllegalArgumentException.class);
    }
}
