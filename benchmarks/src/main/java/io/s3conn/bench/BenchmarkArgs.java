package io.s3conn.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The {@code --name value} options every benchmark's {@code main} takes, and timing of one measured step. */
final class BenchmarkArgs {

    private static final Pattern OPTION_NAME = Pattern.compile("--[a-z][a-z-]*");
    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgGtT]?");

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

    /**
     * Ends the run with exit code 2 and {@code problem} on one line of stderr: for a value the usage line would
     * not explain (a number that is not one), where a stack trace used to say it.
     */
    static void fail(String problem) {
        System.err.println("error: " + problem);
        System.exit(2);
    }

    /** The whole number after {@code name}, else {@code fallback}; anything else ends the run (see {@link #fail}). */
    static int intOption(String[] args, String name, int fallback) {
        return (int) number(name, option(args, name, Integer.toString(fallback)), Integer.MAX_VALUE);
    }

    /** The whole number after {@code name}, else {@code fallback}; anything else ends the run (see {@link #fail}). */
    static long longOption(String[] args, String name, long fallback) {
        return number(name, option(args, name, Long.toString(fallback)), Long.MAX_VALUE);
    }

    /** The comma-separated whole numbers after {@code name}, else {@code fallback}'s; see {@link #intOption}. */
    static List<Integer> intListOption(String[] args, String name, String fallback) {
        return Arrays.stream(option(args, name, fallback).split(","))
                .map(value -> (int) number(name, value.strip(), Integer.MAX_VALUE)).toList();
    }

    /** The comma-separated whole numbers after {@code name}, else {@code fallback}'s; see {@link #intOption}. */
    static List<Long> longListOption(String[] args, String name, String fallback) {
        return Arrays.stream(option(args, name, fallback).split(","))
                .map(value -> number(name, value.strip(), Long.MAX_VALUE)).toList();
    }

    /** {@code true} or {@code false} after {@code name}, else {@code fallback}; anything else ends the run. */
    static boolean booleanOption(String[] args, String name, boolean fallback) {
        String value = option(args, name, Boolean.toString(fallback));
        if (!value.equals("true") && !value.equals("false")) {
            // Boolean.parseBoolean took "yes" for false: a run without what was asked for.
            fail(name + " is true or false, got " + value);
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * The heap size after {@code name} (as {@code -Xmx} takes it: a whole number with {@code k}, {@code m} or
     * {@code g} after it, or none), else {@code fallback}; anything else ends the run (see {@link #fail}), before
     * the test bed starts, where a child JVM used to refuse it minutes later with a stack trace.
     */
    static String heapSizeOption(String[] args, String name, String fallback) {
        String value = option(args, name, fallback);
        if (!isHeapSize(value)) {
            fail(name + " is a heap size as -Xmx takes it, such as " + fallback + ", got " + value);
        }
        return value;
    }

    /** Whether {@code -Xmx} takes {@code value}. */
    static boolean isHeapSize(String value) {
        return HEAP_SIZE.matcher(value).matches();
    }

    private static long number(String name, String value, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below, in one line
        }
        fail(name + " needs a whole number (0 or more), got " + value);
        throw new AssertionError("unreachable: fail exits");
    }

    /** How long {@code work} took, in nanoseconds. */
    static long timed(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }
}
