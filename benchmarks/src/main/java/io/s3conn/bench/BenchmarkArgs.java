package io.s3conn.bench;

/** The {@code --name value} options every benchmark's {@code main} takes, and timing of one measured step. */
final class BenchmarkArgs {

    private BenchmarkArgs() {
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
