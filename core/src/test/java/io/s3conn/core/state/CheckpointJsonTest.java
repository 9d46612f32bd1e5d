package io.s3conn.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckpointJsonTest {

    @Test
    void aCheckpointOfOneJsonValueIsReadAsThatValue() {
        assertThat(CheckpointJson.read("c", "{\"position\":\"p\"}").path("position").asText()).isEqualTo("p");
    }

    /** The words a {@code --config} file's error gets, not Jackson's {@code Unexpected character ('1' (code 49))}. */
    @Test
    void aCheckpointOfMalformedJsonIsDamagedInPlainWordsWithItsLineAndColumn() {
        assertThatThrownBy(() -> CheckpointJson.read("c", "{\n\"position\" 1}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("checkpoint c is damaged and cannot be read: expected ':' after a key (line 2, column 12)");
    }

    @Test
    void aCheckpointWithTextAfterItsJsonIsDamaged() {
        assertThatThrownBy(() -> CheckpointJson.read("c", "{\"position\":\"p\"} x"))
                .hasMessage("checkpoint c is damaged and cannot be read: expected the end of the text after the JSON value"
                        + " (line 1, column 18)");
    }

    @Test
    void anEmptyCheckpointIsDamaged() {
        assertThatThrownBy(() -> CheckpointJson.read("c", " "))
                .hasMessage("checkpoint c is damaged and cannot be read: it holds no JSON value");
    }
}
