package io.s3conn.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Before, s3conn said "is not valid JSON (line 1, column 9)", or passed Jackson's message for programmers on. */
class JsonErrorsTest {

    @Test
    void aMissingCommaBetweenTwoEntriesOfAnObjectSaysWhatWasExpectedAndWhere() {
        assertThat(describe("{\"region\": \"eu-west-1\"\n \"bucket\": \"b\"}"))
                .isEqualTo("expected ',' or '}' after a value in an object (line 2, column 2)");
    }

    @Test
    void aMissingCommaBetweenTwoValuesOfAnArraySaysWhatWasExpected() {
        assertThat(describe("[1 2]")).isEqualTo("expected ',' or ']' after a value in an array (line 1, column 4)");
    }

    @Test
    void aCommaBeforeTheClosingBraceIsNamedAsNotAllowed() {
        assertThat(describe("{\"bucket\": \"b\",}"))
                .isEqualTo("expected a key in double quotes, found '}' (JSON allows no ',' before '}') (line 1, column 16)");
    }

    @Test
    void aCommaAfterTheLastValueOfAnArrayIsNamedAsNotAllowed() {
        assertThat(describe("[1,]")).isEqualTo("expected a value (a string in double quotes, a number, true, false, null, "
                + "an object or an array), found ']' (JSON allows no ',' before ']') (line 1, column 4)");
    }

    @Test
    void aValueLeftOutAfterAColonIsNotTakenForATrailingComma() {
        assertThat(describe("{\"bucket\": }")).isEqualTo("expected a value (a string in double quotes, a number, true, false, "
                + "null, an object or an array), found '}' (line 1, column 12)");
    }

    @Test
    void aKeyWithoutQuotesIsNotQuoted() {
        assertThat(describe("{topsecret: 1}")).isEqualTo("expected a key in double quotes (line 1, column 2)");
    }

    @Test
    void aMissingColonSaysSo() {
        assertThat(describe("{\"bucket\" \"b\"}")).isEqualTo("expected ':' after a key (line 1, column 11)");
    }

    @Test
    void anUnquotedValueSaysWhatAValueMayBeWithoutQuotingIt() {
        assertThat(describe("{\"key\": topsecret}")).startsWith("expected a value (a string in double quotes, a number, "
                + "true, false, null, an object or an array) (line 1, column ").doesNotContain("topsecret");
    }

    @Test
    void aTextThatEndsInsideAnObjectSaysWhichBracketIsMissing() {
        assertThat(describe("{\"bucket\": \"b\"")).isEqualTo("the text ends inside an object: expected '}' (line 1, column 15)");
    }

    @Test
    void aTextThatEndsInsideAStringSaysTheQuoteIsMissing() {
        assertThat(describe("{\"bucket\": \"b")).startsWith("the text ends inside a string: expected its closing '\"'");
    }

    @Test
    void theWrongClosingBracketNamesBoth() {
        assertThat(describe("{\"a\": 1]")).isEqualTo("expected '}' to close the object, found ']' (line 1, column 8)");
    }

    @Test
    void aBadUnicodeEscapeAsksForFourHexadecimalDigits() {
        assertThat(describe("{\"a\": \"\\u12\"}")).isEqualTo("expected 4 hexadecimal digits after \\u (line 1, column 12)");
    }

    @Test
    void anUnknownEscapeIsNotQuoted() {
        assertThat(describe("{\"a\": \"\\q\"}")).startsWith("expected \\\", \\\\, \\/").doesNotContain("'q'");
    }

    @Test
    void aLineBreakInsideAStringAsksForItsEscape() {
        assertThat(describe("{\"a\": \"x\ny\"}")).startsWith("a line break, tab or other control character in a string must be written escaped");
    }

    @Test
    void aCommentIsNamedAsNotJson() {
        assertThat(describe("// settings\n{}")).startsWith("JSON has no comments");
    }

    @Test
    void aNumberWithALeadingZeroSaysSo() {
        assertThat(describe("{\"a\": 01}")).startsWith("expected a number without leading zeros");
    }

    @Test
    void textAfterTheValueIsNamedAsSuchWithoutQuotingIt() {
        assertThat(describe("{\"a\": 1}\ntopsecret")).isEqualTo("expected the end of the text after the JSON value (line 2, column 1)");
    }

    @Test
    void noJacksonWordsReachTheUser() {
        for (String text : new String[] {"{\"a\": 1 \"b\": 2}", "{\"a\": }", "{\"a\": tru}", "{\"a\": -}", "{\"a\": NaN}", "]",
                "{\"a\"", "{\"a", "{\"a\": 1.}", "{\"a\": +1}"}) {
            assertThat(describe(text)).as(text).doesNotContain("code ", "Unexpected", "was expecting", "JsonReadFeature",
                    "Object entries", "token");
        }
    }

    private static String describe(String text) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> Json.readOne(text));
        assertThat(e).as("a parse error for %s", text).isNotNull();
        return JsonErrors.describe(e);
    }
}
