package io.s3conn.core.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * How far a misspelt setting name is from the one meant, by one rule for every place that suggests a name
 * (the CLI's configuration files and jobs, the Kafka connectors): case and separators do not count, and the rest is
 * compared by edits.
 */
public final class Spelling {

    private Spelling() {
    }

    /** {@code name} in lower case without separators: {@code aws.secretAccessKey} and {@code aws-secret-access-key} are alike. */
    public static String letters(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /** The edits a name of {@code letters} may be off by and still be taken for a misspelling: one, two from six letters. */
    public static int allowedEdits(String letters) {
        return letters.length() >= 6 ? 2 : 1;
    }

    /**
     * The candidate {@code typed} probably misspells: the nearest within {@link #allowedEdits} once case and separators
     * are left out, the first in alphabetical order among equally near ones; empty when none is that near.
     */
    public static Optional<String> nearest(String typed, Collection<String> candidates) {
        String letters = letters(typed);
        int allowed = allowedEdits(letters);
        return candidates.stream()
                .filter(candidate -> editDistance(letters, letters(candidate)) <= allowed)
                .min(Comparator.comparingInt((String candidate) -> editDistance(letters, letters(candidate)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    public static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
