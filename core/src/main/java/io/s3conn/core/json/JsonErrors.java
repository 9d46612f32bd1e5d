package io.s3conn.core.json;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Jackson's parse errors in plain words: what the parser expected, and where, for every place s3conn parses JSON a user
 * wrote (a {@code --config} file, the records {@code destination write} reads). Jackson's own message is written for
 * programmers ({@code Unexpected character ('"' (code 34)): was expecting comma to separate Object entries}) and quotes
 * what it found, which may be a secret's first characters or a whole token of it ({@code Unrecognized token 'abc'}):
 * these words never quote the text, but for JSON's own punctuation ({@code ']'} where {@code '}'} was expected).
 */
public final class JsonErrors {

    /** What a value may be, as a user writes it. */
    private static final String A_VALUE = "a value (a string in double quotes, a number, true, false, null, an object or an array)";
    /** Jackson's {@code Unexpected close marker ']': expected '}'}: punctuation only. */
    private static final Pattern CLOSE_MARKER = Pattern.compile("Unexpected close marker '([\\]}])': expected '([\\]}])'.*");
    /** Jackson's {@code Unexpected character ('}' (code 125))}: the character, named only when it is punctuation. */
    private static final Pattern FOUND_CLOSE = Pattern.compile("Unexpected character \\('([\\]}])' \\(code \\d+\\)\\).*");

    /** A phrase of Jackson's message, and what s3conn says instead. */
    private record Wording(String jackson, String plain) {
    }

    /** Jackson's words, each with its plain ones: the first that the message contains wins. */
    private static final List<Wording> WORDS = List.of(
            new Wording("was expecting comma to separate Object entries", "expected ',' or '}' after a value in an object"),
            new Wording("was expecting comma to separate Array entries", "expected ',' or ']' after a value in an array"),
            new Wording("was expecting a colon to separate field name and value", "expected ':' after a key"),
            new Wording("was expecting closing quote for a string value", "the text ends inside a string: expected its closing '\"'"),
            new Wording("end-of-input in field name", "the text ends inside a key: expected its closing '\"'"),
            new Wording("close marker for Object", "the text ends inside an object: expected '}'"),
            new Wording("close marker for Array", "the text ends inside an array: expected ']'"),
            new Wording("within/between Object entries", "the text ends inside an object: expected '}'"),
            new Wording("within/between Array entries", "the text ends inside an array: expected ']'"),
            new Wording("hex-digit for character escape", "expected 4 hexadecimal digits after \\u"),
            new Wording("Unrecognized character escape", "expected \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and 4 hexadecimal"
                    + " digits after a backslash in a string"),
            new Wording("Illegal unquoted character", "a line break, tab or other control character in a string must be written"
                    + " escaped (\\n, \\t, \\u0000 to \\u001f)"),
            new Wording("Leading zeroes not allowed", "expected a number without leading zeros (or a string in double quotes)"),
            new Wording("to follow minus sign", "expected a digit after '-'"),
            new Wording("Decimal point not followed by a digit", "expected a digit after a number's decimal point"),
            new Wording("Exponent indicator not followed by a digit", "expected a digit after a number's exponent (e or E)"),
            new Wording("plus signs", "expected a number without '+' (or a string in double quotes)"),
            new Wording("ALLOW_NON_NUMERIC_NUMBERS", "NaN and Infinity are not JSON numbers: expected a number, or a string in"
                    + " double quotes"),
            new Wording("(non-standard) comment", "JSON has no comments: expected " + A_VALUE),
            new Wording("was expecting double-quote to start field name", "expected a key in double quotes"),
            new Wording("expected a valid value", "expected " + A_VALUE),
            new Wording("Unrecognized token", "expected " + A_VALUE),
            new Wording("no open Array to close", "found ']' without a '[' before it"),
            new Wording("no open Object to close", "found '}' without a '{' before it"),
            new Wording(Json.TEXT_AFTER_THE_VALUE, "expected the end of the text after the JSON value"),
            new Wording("Unexpected end-of-input", "the text ends too early"));

    private JsonErrors() {
    }

    /**
     * What is wrong and where: {@code expected ',' or '}' after a value in an object (line 2, column 17)}.
     */
    public static String describe(JsonProcessingException e) {
        return problem(e) + at(e.getLocation());
    }

    /**
     * What is wrong, in plain words, quoting nothing of the text but JSON's own punctuation. A limit of the reader
     * (a number of thousands of digits, nesting a thousand deep) is named with its numbers.
     */
    public static String problem(JsonProcessingException e) {
        String message = firstLine(String.valueOf(e.getOriginalMessage()));
        if (e instanceof StreamConstraintsException) {
            // Names the limit and numbers only, but for the value it met, which it quotes after ", from".
            return "a JSON value exceeds the reader's limits: " + message.replaceAll(", from `[^`]*`", "");
        }
        Matcher close = CLOSE_MARKER.matcher(message);
        if (close.matches()) {
            return "expected '" + close.group(2) + "' to close the " + (close.group(2).equals("}") ? "object" : "array")
                    + ", found '" + close.group(1) + "'";
        }
        for (Wording words : WORDS) {
            if (message.contains(words.jackson())) {
                return words.plain() + trailingComma(message, words.jackson());
            }
        }
        return "malformed JSON";
    }

    /**
     * A key or value expected where a closing bracket came. A key is expected after a comma ({@code {}} is an empty
     * object), and so is an array's value ({@code []} is an empty array): the comma before the bracket is the fault,
     * which JSON does not allow. An object's value is expected after a colon.
     */
    private static String trailingComma(String message, String words) {
        Matcher found = FOUND_CLOSE.matcher(message);
        if (!found.matches()) {
            return "";
        }
        String bracket = found.group(1);
        boolean afterComma = words.startsWith("was expecting double-quote") ? bracket.equals("}")
                : words.equals("expected a valid value") && bracket.equals("]");
        return ", found '" + bracket + "'" + (afterComma ? " (JSON allows no ',' before '" + bracket + "')" : "");
    }

    /** {@code  (line L, column C)}; empty for no location. */
    public static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return String.format(Locale.ROOT, " (line %d, column %d)", location.getLineNr(), location.getColumnNr());
    }

    /** {@code  (column C)}, for text of one line; empty for no location. */
    public static String column(JsonLocation location) {
        if (location == null || location.getColumnNr() < 1) {
            return "";
        }
        return " (column " + location.getColumnNr() + ")";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
