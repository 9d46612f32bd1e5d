package io.s3conn.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

class JsonTest {

    @Test
    void oneValueIsRead() throws JsonProcessingException {
        assertThat(Json.readOne(" {\"a\": 1}\n").orElseThrow().get("a").asInt()).isEqualTo(1);
    }

    @Test
    void aSecondValueIsAnErrorAtWhereItStarts() {
        assertThatThrownBy(() -> Json.readOne("{\"a\": 1} {\"b\": 2}"))
                .isInstanceOfSatisfying(ExtraJsonValueException.class,
                        e -> assertThat(e.getLocation().getColumnNr()).isEqualTo(10));
    }

    @Test
    void charactersAfterTheValueAreAParseError() {
        assertThatThrownBy(() -> Json.readOne("{\"a\": 1} garbage")).isInstanceOf(JsonProcessingException.class)
                .isNotInstanceOf(ExtraJsonValueException.class);
    }

    @Test
    void aKeyWrittenTwiceIsAnErrorNamingItWhenKeysMustBeUnique() {
        assertThatThrownBy(() -> Json.readOneWithUniqueKeys("{\"a\": 1,\n \"a\": 2}"))
                .isInstanceOfSatisfying(DuplicateJsonKeyException.class, e -> {
                    assertThat(e.key()).isEqualTo("a");
                    assertThat(e.getLocation().getLineNr()).isEqualTo(2);
                });
    }

    @Test
    void anExactReadKeepsDecimalsAsWrittenInsteadOfRoundingThemToDoubles() throws JsonProcessingException {
        assertThat(Json.readOneExact("{\"a\":0.1000000000000000000001,\"b\":1.50,\"c\":1e400}").orElseThrow().toString())
                .isEqualTo("{\"a\":0.1000000000000000000001,\"b\":1.50,\"c\":1E+400}");
    }

    @Test
    void anExactReadOfBlankTextHoldsNoValue() throws JsonProcessingException {
        assertThat(Json.readOneExact("  ")).isEmpty();
    }
}
