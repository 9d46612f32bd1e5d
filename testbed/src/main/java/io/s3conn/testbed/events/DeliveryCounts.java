package io.s3conn.testbed.events;

/**
 * What the emulator did with event messages since it started.
 *
 * @param sent       messages sent to queues (a duplicate counts twice; test events included)
 * @param dropped    messages dropped by {@link DeliverySwitches#dropRate()}
 * @param duplicated messages sent a second time by {@link DeliverySwitches#duplicateRate()}
 * @param failed     messages SQS refused or that had nowhere to go
 */
public record DeliveryCounts(long sent, long dropped, long duplicated, long failed) {
}
