package io.s3conn.testbed.synthetic;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SyntheticBucketServer} behaves like a distant S3 service.
 *
 * @param latency         added to every request: the network round trip
 * @param listServiceTime added to every listing request (ListObjectsV2, ListObjectVersions): the time S3 takes to
 *                        produce a page
 * @param slowDownRate    share of listing requests answered {@code 503 SlowDown} instead, 0 to 1
 * @param seed            seed of the choice of requests to throttle, for reproducible runs
 * @param listWorkers     listing requests served at once, 0 for as many as arrive; more wait in line for their
 *                        service time, as at a server of bounded capacity, where each waits longer the more
 *                        are sent at once
 */
public record SyntheticServerSettings(Duration latency, Duration listServiceTime, double slowDownRate, long seed,
                                      int listWorkers) {

    public SyntheticServerSettings {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(listServiceTime, "listServiceTime");
        if (latency.isNegative() || listServiceTime.isNegative()) {
            throw new IllegalArgumentException("delays cannot be negative");
        }
        if (!(slowDownRate >= 0 && slowDownRate <= 1)) {
            throw new IllegalArgumentException("slowDownRate must be between 0 and 1, was " + slowDownRate);
        }
        if (listWorkers < 0) {
            throw new IllegalArgumentException("listWorkers cannot be negative, was " + listWorkers);
        }
    }

    /** As fast as loopback, never throttled. */
    public static SyntheticServerSettings immediate() {
        return new SyntheticServerSettings(Duration.ZERO, Duration.ZERO, 0, 1, 0);
    }

    public SyntheticServerSettings withLatency(Duration value) {
        return new SyntheticServerSettings(value, listServiceTime, slowDownRate, seed, listWorkers);
    }

    public SyntheticServerSettings withListServiceTime(Duration value) {
        return new SyntheticServerSettings(latency, value, slowDownRate, seed, listWorkers);
    }

    public SyntheticServerSettings withSlowDownRate(double value) {
        return new SyntheticServerSettings(latency, listServiceTime, value, seed, listWorkers);
    }

    public SyntheticServerSettings withListWorkers(int value) {
        return new SyntheticServerSettings(latency, listServiceTime, slowDownRate, seed, value);
    }
}
