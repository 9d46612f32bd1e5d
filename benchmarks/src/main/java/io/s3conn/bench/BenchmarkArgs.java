package io.s3conn.bench;

import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The {@code --name value} options every benchmark's {@code main} takes, and timing of one measured step. */
final class BenchmarkArgs {

    private static final Pattern OPTION_NAME = Pattern.compile("--[a-z][a-z-]*");

    private BenchmarkArgs() {
    }

    /**
     * Refuses (see {@link #refuse}) arguments that are not {@code --name value} pairs of the options {@code usage}
     * names; {@code --help} prints {@code usage} and exits 0. Without it a misspelt option would be ignored and the
     * benchmark would run at its default size, minutes where a small run was meant.
     */
    static void requireKnown(String[] args, String usage) {
        Set<String> known = OPTION_NAME.matcher(usage).results().map(MatchResult::group)
                .collect(Collectors.toSet());
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.err.println("usage: " + usage);
                System.exit(0);
            }
            if (!known.contains(args[i])) {
                refuse("unknown option " + args[i], usage);
            }
            if (i + 1 == args.length) {
                refuse(args[i] + " needs a value", usage);
            }
        }
    }

    /** Ends the run with exit code 2, {@code problem} and {@code usage} on stderr. */
    static void refuse(String problem, String usage) {
        System.err.println("error: " + problem);
        System.err.println("usage: " + usage);
        System.exit(2);
    }

    /** One measured step. */
    interface Work {
        void run() throws Exception;
    }

    /** The value after {@code name}, else {@code fallback}. */
    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** The whole number after {@code name}, else {@code fallback}. */
    static int intOption(String[] args, String name, int fallback) {
        return Integer.parseInt(option(args, name, Integer.toString(fallback)));
    }

    /** How long {@code work} took, in nanoseconds. */
    static long timed(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }
}
