package io.s3conn.inventory.restore;

import java.util.regex.Pattern;

/**
 * A glob over object keys: {@code *} matches within one {@code /}-separated segment, {@code **}
 * across segments, {@code ?} one character, {@code [abc]} a class and {@code {a,b}} alternatives.
 * Matched against the raw key: unlike a file path, a key may hold {@code //}, trailing slashes or NUL.
 */
record KeyGlob(String glob, Pattern pattern) {

    static KeyGlob of(String glob) {
        StringBuilder regex = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        regex.append(".*");
                        i++;
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed [ in glob " + glob);
                    }
                    String inside = glob.substring(i + 1, end).replace("\\", "\\\\");
                    regex.append('[').append(inside.startsWith("!") ? "^" + inside.substring(1) : inside).append(']');
                    i = end;
                }
                case '{' -> {
                    braces++;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        throw new IllegalArgumentException("unbalanced } in glob " + glob);
                    }
                    braces--;
                    regex.append(')');
                }
                case ',' -> regex.append(braces > 0 ? "|" : ",");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("unclosed { in glob " + glob);
        }
        return new KeyGlob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String key) {
        return pattern.matcher(key).matches();
    }
}
