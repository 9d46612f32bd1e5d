package io.s3conn.inventory.restore;

import java.util.regex.Pattern;

/**
 * A glob over object keys: {@code *} matches within one {@code /}-separated segment, {@code **}
 * across segments, {@code ?} one character but {@code /}, {@code [abc]} a class ({@code [!abc]} any character but
 * those and {@code /}) and {@code {a,b}} alternatives.
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
                case '[' -> i = appendClass(glob, i, regex);
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
                default -> {
                    // A whole code point: a key's character above U+FFFF is two chars, and each half quoted
                    // alone matches nothing.
                    int codePoint = glob.codePointAt(i);
                    regex.append(literal(codePoint));
                    i += Character.charCount(codePoint) - 1;
                }
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("unclosed { in glob " + glob);
        }
        return new KeyGlob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    /**
     * Appends the class {@code [..]} that opens at {@code open} and returns the index of its {@code ]}. Its
     * characters are taken literally, as a glob means them ({@code [[]} matches {@code [}, {@code []]} and
     * {@code [!]]} match {@code ]}, {@code &&} is two ampersands), never as regular expression syntax; {@code !}
     * or {@code ^} first negates it, and {@code -} between two characters makes a range.
     */
    private static int appendClass(String glob, int open, StringBuilder regex) {
        int start = open + 1;
        boolean negated = start < glob.length() && (glob.charAt(start) == '!' || glob.charAt(start) == '^');
        if (negated) {
            start++;
        }
        // A ] right after the opening (or its negation) is a member, as in every glob dialect.
        int end = glob.indexOf(']', start < glob.length() && glob.charAt(start) == ']' ? start + 1 : start);
        if (end < 0) {
            throw new IllegalArgumentException("unclosed [ in glob " + glob);
        }
        int[] members = glob.substring(start, end).codePoints().toArray();
        regex.append(negated ? "[^" : "[");
        for (int m = 0; m < members.length; m++) {
            if (members[m] == '-' && m > 0 && m + 1 < members.length) {
                if (members[m - 1] > members[m + 1]) {
                    throw new IllegalArgumentException("range " + Character.toString(members[m - 1]) + "-"
                            + Character.toString(members[m + 1]) + " is reversed in glob " + glob);
                }
                regex.append('-');
            } else {
                regex.append(literal(members[m]));
            }
        }
        // Like ? and *, a negated class stays within one segment.
        regex.append(negated ? "/]" : "]");
        return end;
    }

    /** One code point as a regular expression that matches it alone, inside a class or out. */
    private static String literal(int codePoint) {
        return "\\x{" + Integer.toHexString(codePoint) + "}";
    }

    boolean matches(String key) {
        return pattern.matcher(key).matches();
    }
}
