package io.s3conn.destination.s3;

import java.time.Duration;
import java.util.Optional;

import io.s3conn.destination.format.JsonLinesFormat;

/** Destinations for the naming tests: bucket {@code b}, JSON lines, default sizes. */
final class Destinations {

    private Destinations() {
    }

    static S3DestinationConfiguration jsonLines(String prefix, String template) {
        return new S3DestinationConfiguration("b", prefix, template, new JsonLinesFormat(false), 1000, 1L << 20,
                Duration.ofSeconds(5), S3DestinationConfiguration.DEFAULT_PART_SIZE, Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
