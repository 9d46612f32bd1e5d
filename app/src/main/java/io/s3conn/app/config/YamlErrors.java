package io.s3conn.app.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Malformed YAML described in one line: what is wrong and where. SnakeYAML's own message quotes the lines around
 * the problem, which may hold a secret, and Jackson's location is where it stopped reading, often lines later. The
 * problem's own words quote the file too, and are cut where they do: a character SnakeYAML could not start a token with
 * ({@code found character '@'}), the characters of a bad escape ({@code but found: ZZZZ}), a tag handle
 * ({@code found undefined tag handle !x!}), an alias where a key belongs ({@code AliasEvent(anchor=...)}), a value
 * Jackson could not convert ({@code Malformed numeric value '...'}); any of them may be a secret's.
 */
public final class YamlErrors {

    /** How {@link #describe} begins for a key written twice, which callers word as such. */
    public static final String KEY_TWICE = "the key ";

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    /**
     * Where SnakeYAML's problem starts quoting the file: what was found instead of what was expected
     * ({@code , but found '/'}, {@code but got}, {@code found: ZZZZ}, {@code unexpected character found /(47)}), or a
     * colon before details. What comes before is the parser's own words and expectations ({@code expected ',' or '}'}).
     */
    private static final Pattern QUOTING = Pattern.compile(",? ?\\bbut (found|got)\\b|(?<=.)\\bfound\\b|,? ?\\bgot\\b|: ");
    /** Jackson's own messages quote what they could not convert, in quotes or angle brackets. */
    private static final Pattern JACKSON_QUOTING = Pattern.compile(",? ?\\bgot\\b| ?'| ?<| ?\\(code|: ");
    /** Problems that begin with what was found, cut after their own words. */
    private static final List<String> FOUND = List.of("found unexpected end of stream", "found unexpected document separator",
            "found undefined tag handle", "found unknown escape character", "found duplicate YAML directive",
            "found incompatible YAML document", "found a number which cannot represent a valid version");

    /**
     * SnakeYAML's expectations that name its tokens rather than what a user wrote: a line indented unlike its siblings
     * (one key a space short of the others) said {@code expected <block end>}.
     */
    private static final Map<String, String> PLAIN_WORDS = Map.of(
            "expected <block end>", "expected the end of an indented block (a line indented unlike the keys beside it?)",
            "expected '<document start>'", "expected the start of a document (a line indented less than the first?)");

    private YamlErrors() {
    }

    /** The problem and its line and column, quoting nothing of the file but a key written twice. */
    public static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return describe(yaml);
        }
        String where = " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        String message = firstLine(String.valueOf(e.getOriginalMessage()));
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.matches()) {
            // The key, as a --config file's is named: the file's structure, not a value (shown cut, should it hold one).
            return KEY_TWICE + "\"" + KeyedSettings.shownKey(duplicate.group(1)) + "\" twice" + where;
        }
        Matcher quoting = JACKSON_QUOTING.matcher(message);
        return ownWords(quoting.find() ? message.substring(0, quoting.start()) : message) + where;
    }

    /** SnakeYAML's problem and its line and column, quoting nothing of the file. */
    public static String describe(MarkedYAMLException e) {
        Mark mark = e.getProblemMark();
        String where = mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
        return ownWords(firstLine(String.valueOf(e.getProblem()))) + where;
    }

    /** The problem's first line up to where it quotes the file. */
    static String ownWords(String message) {
        String problem = firstLine(message);
        if (problem.startsWith("found character")) {
            return "found a character that cannot start any token";
        }
        if (problem.startsWith("found ")) {
            return FOUND.stream().filter(problem::startsWith).findFirst().orElse("found something unexpected");
        }
        Matcher quoting = QUOTING.matcher(problem);
        String own = (quoting.find() ? problem.substring(0, quoting.start()) : problem).strip();
        return own.isEmpty() ? "malformed" : PLAIN_WORDS.getOrDefault(own, own);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
