package io.s3conn.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Malformed YAML described in one line: what is wrong and where. SnakeYAML's own message quotes the lines around
 * the problem, which may hold a secret, and Jackson's location is where it stopped reading, often lines later.
 */
public final class YamlErrors {

    private YamlErrors() {
    }

    /** The problem and its line and column, quoting nothing of the file. */
    public static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return firstLine(String.valueOf(yaml.getProblem())) + " (line " + (mark.getLine() + 1) + ", column "
                    + (mark.getColumn() + 1) + ")";
        }
        return firstLine(e.getOriginalMessage()) + " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
