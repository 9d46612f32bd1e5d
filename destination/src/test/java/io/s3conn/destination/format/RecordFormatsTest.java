package io.s3conn.destination.format;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RecordFormatsTest {

    @Test
    void aFormatWithoutANameIsRefusedByName() {
        assertThatThrownBy(() -> RecordFormats.of(null, Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
    }
}
