package io.s3conn.source.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SourcePositionsTest {

    private static final Instant WATERMARK = Instant.ofEpochMilli(1_700_000_000_123L);

    @Test
    void aSnapshotPositionPrintsInTheS3connFormWithItsKeyBase64UrlEncoded() {
        SnapshotPosition position = new SnapshotPosition(WATERMARK, Optional.of("a/b"));

        assertThat(position.printable()).isEqualTo("s3conn:v1:snapshot:1700000000123:YS9i");
    }

    @Test
    void aSnapshotPositionWithAnAwkwardKeyParsesBackToItself() {
        SnapshotPosition position = new SnapshotPosition(WATERMARK, Optional.of("new\nline_s12:colon é 😀"));

        assertThat(SourcePositions.parse(position.printable())).isEqualTo(position);
    }

    @Test
    void aSnapshotPositionBeforeTheFirstKeyParsesBackWithoutKey() {
        SnapshotPosition position = new SnapshotPosition(WATERMARK, Optional.empty());

        assertThat(SourcePositions.parse(position.printable())).isEqualTo(position);
    }

    @Test
    void aCdcPositionWithAVersionParsesBackWithKeyAndVersion() {
        CdcPosition position = new CdcPosition(WATERMARK, Optional.of("k_c1"), Optional.of("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"));

        assertThat(SourcePositions.parse(position.printable())).isEqualTo(position);
    }

    @Test
    void aPositionInBase64AsOpenCdcJsonCarriesItParsesToo() {
        SnapshotPosition position = new SnapshotPosition(WATERMARK, Optional.of("a+b/c_s1"));
        String asInJson = java.util.Base64.getEncoder().encodeToString(
                position.printable().getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(SourcePositions.parse(asInJson)).isEqualTo(position);
    }

    @Test
    void twoVersionsOfOneKeyFoundByOnePollHaveDifferentPositions() {
        CdcPosition first = new CdcPosition(WATERMARK, Optional.of("k"), Optional.of("v1"));
        CdcPosition second = new CdcPosition(WATERMARK, Optional.of("k"), Optional.of("v2"));

        assertThat(first.printable()).isNotEqualTo(second.printable());
    }

    @Test
    void twoChangesOfOneKeyBroughtByEventsUnderOneWatermarkHaveDifferentPositions() {
        CdcPosition first = new CdcPosition(WATERMARK, Optional.of("k"), Optional.empty(), 1);
        CdcPosition second = new CdcPosition(WATERMARK, Optional.of("k"), Optional.empty(), 2);

        assertThat(first.printable()).isNotEqualTo(second.printable());
    }

    @Test
    void aCdcPositionWithoutSequencePrintsAsBeforeSequencesExisted() {
        CdcPosition position = new CdcPosition(WATERMARK, Optional.of("a"), Optional.empty(), 0);

        assertThat(position.printable()).isEqualTo("s3conn:v1:cdc:1700000000123:YQ");
    }

    @Test
    void aCdcPositionWithASequenceAndNoVersionPrintsAnEmptyVersionBeforeTheSequence() {
        CdcPosition position = new CdcPosition(WATERMARK, Optional.of("a"), Optional.empty(), 7);

        assertThat(position.printable()).isEqualTo("s3conn:v1:cdc:1700000000123:YQ::7");
    }

    @Test
    void aCdcPositionWithASequenceParsesBackToItself() {
        CdcPosition position = new CdcPosition(WATERMARK, Optional.of("k:c_1"), Optional.empty(), 42);

        assertThat(SourcePositions.parse(position.printable())).isEqualTo(position);
    }

    @Test
    void aCdcPositionWithAVersionAndASequenceParsesBackToItself() {
        CdcPosition position = new CdcPosition(WATERMARK, Optional.of("k"), Optional.of("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"), 3);

        assertThat(SourcePositions.parse(position.printable())).isEqualTo(position);
    }

    @Test
    void aCdcPositionPrintedBeforeSequencesExistedParsesWithoutSequence() {
        SourcePosition parsed = SourcePositions.parse("s3conn:v1:cdc:1700000000123:YQ:djE");

        assertThat(parsed).isEqualTo(new CdcPosition(WATERMARK, Optional.of("a"), Optional.of("v1"), 0));
    }

    @Test
    void aConduitSnapshotPositionIsSplitAtTheLastUnderscore() {
        SourcePosition parsed = SourcePositions.parse("key_with_underscores_s1700000000");

        assertThat(parsed).isEqualTo(new SnapshotPosition(Instant.ofEpochSecond(1_700_000_000L),
                Optional.of("key_with_underscores")));
    }

    @Test
    void aConduitCdcPositionIsACdcPositionFromThatSecondWithoutItsKey() {
        SourcePosition parsed = SourcePositions.parse("some_key_c1700000000");

        assertThat(parsed).isEqualTo(new CdcPosition(Instant.ofEpochSecond(1_700_000_000L), Optional.empty()));
    }

    @Test
    void aConduitPositionWithNothingBeforeTheUnderscoreHasNoKey() {
        assertThat(SourcePositions.parse("_s5")).isEqualTo(new SnapshotPosition(Instant.ofEpochSecond(5), Optional.empty()));
    }

    /** Before, it parsed to a watermark of 1969: a time no object was written. */
    @Test
    void aNegativeWatermarkIsRefusedAsMalformed() {
        assertThatThrownBy(() -> SourcePositions.parse("s3conn:v1:cdc:-1:YQ"))
                .isInstanceOf(MalformedPositionException.class)
                .hasMessage("malformed s3conn position: the watermark is not a number of milliseconds since 1970");
    }

    /** Before, it parsed, and printing its position failed: its milliseconds overflow a long. */
    @Test
    void aConduitPositionWhoseMillisecondsOverflowIsRefusedAsMalformed() {
        assertThatThrownBy(() -> SourcePositions.parse("key_s9300000000000000"))
                .isInstanceOf(MalformedPositionException.class)
                .hasMessageContaining("is not Unix seconds");
    }

    /** Before, the byte 0xFF was read as U+FFFD, and a snapshot resumed after a key the position did not name. */
    @Test
    void aKeyWhoseBytesAreNotUtf8IsRefused() {
        assertThatThrownBy(() -> SourcePositions.parse("s3conn:v1:snapshot:1:_w"))
                .isInstanceOf(MalformedPositionException.class)
                .hasMessage("malformed s3conn position: the key is not UTF-8");
    }

    @Test
    void noPositionAtAllIsAProgrammingErrorNamingTheArgument() {
        assertThatThrownBy(() -> SourcePositions.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("malformed")
    void aMalformedPositionIsRefusedWithWhatIsWrong(String text, String saying) {
        assertThatThrownBy(() -> SourcePositions.parse(text))
                .isInstanceOf(MalformedPositionException.class)
                .hasMessageContaining(saying);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "empty position"),
                Arguments.of("s3conn:v1:snapshot:x:", "not a number of milliseconds"),
                Arguments.of("s3conn:v1:snapshot:1", "expected s3conn:v1:<snapshot|cdc>"),
                Arguments.of("s3conn:v1:snapshot:1:a:b", "expected s3conn:v1:<snapshot|cdc>"),
                Arguments.of("s3conn:v1:later:1:", "unknown mode \"later\""),
                Arguments.of("s3conn:v1:snapshot:1:a+b", "key is not base64url"),
                Arguments.of("s3conn:v1:cdc:1:YQ:!!", "version id is not base64url"),
                Arguments.of("s3conn:v1:cdc:1:YQ::0", "sequence is not a number from 1"),
                Arguments.of("s3conn:v1:cdc:1:YQ::07", "sequence is not a number from 1"),
                Arguments.of("s3conn:v1:cdc:1:YQ::-1", "sequence is not a number from 1"),
                Arguments.of("s3conn:v1:cdc:1:YQ::x", "sequence is not a number from 1"),
                Arguments.of("s3conn:v1:cdc:1:YQ::", "sequence is not a number from 1"),
                Arguments.of("s3conn:v1:cdc:1:YQ::1:2", "expected s3conn:v1:<snapshot|cdc>"),
                Arguments.of("s3conn:v1:snapshot:1:YQ::1", "expected s3conn:v1:<snapshot|cdc>"),
                Arguments.of("no-underscore", "expected s3conn:v1:... or Conduit's"),
                Arguments.of("key_", "expected s3conn:v1:... or Conduit's"),
                Arguments.of("key_x12", "expected _s or _c"),
                Arguments.of("key_s12x", "is not Unix seconds"),
                Arguments.of("key_s", "is not Unix seconds"),
                Arguments.of("key_c-", "is not Unix seconds"),
                Arguments.of("_s-5", "is not Unix seconds"),
                Arguments.of("key_c-1700000000", "is not Unix seconds"),
                Arguments.of("key_s999999999999999999", "is not Unix seconds"),
                Arguments.of("key_s+5", "is not Unix seconds"),
                Arguments.of("key_c9300000000000000", "is not Unix seconds"),
                Arguments.of("s3conn:v1:snapshot:-1:", "not a number of milliseconds"),
                Arguments.of("s3conn:v1:cdc:-1700000000000:YQ", "not a number of milliseconds"),
                Arguments.of("s3conn:v1:cdc:+1700000000000:YQ", "not a number of milliseconds"),
                Arguments.of("s3conn:v1:snapshot:99999999999999999999:", "not a number of milliseconds"));
    }
}
