package io.s3conn.source.range;

/**
 * What one {@link ParallelWalker#walk} did.
 *
 * @param pages             pages handed to the consumer
 * @param entries           entries in them
 * @param ranges            ranges walked: those given plus those split off
 * @param splits            ranges split while walked
 * @param throttles         requests answered {@code 503 SlowDown} (each retried)
 * @param lowestConcurrency the lowest the concurrency limit was lowered to; the concurrency asked for when it never was
 */
public record WalkSummary(long pages, long entries, int ranges, int splits, long throttles,
                          double lowestConcurrency) {
}
