package io.s3conn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load, printed beside timings so that a reader can tell a busy machine's figures apart. */
final class LoadAverage {

    private LoadAverage() {
    }

    /** The load average over 1, 5 and 15 minutes, from Linux' /proc/loadavg; "n/a" elsewhere. */
    static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
