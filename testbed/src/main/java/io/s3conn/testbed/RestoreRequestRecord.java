package io.s3conn.testbed;

import java.time.Instant;

/**
 * One RestoreObject request as the emulator received it, for tests to check what a client asked for.
 *
 * @param bucket the bucket
 * @param key    the object key
 * @param days   {@code Days} from the request body, null when absent (Intelligent-Tiering)
 * @param tier   {@code GlacierJobParameters/Tier}, {@code Standard} when absent
 * @param at     when the request arrived
 * @param status the HTTP status the emulator answered (202, 200, 409, 403, 400, 503, 404)
 */
public record RestoreRequestRecord(String bucket, String key, Integer days, String tier, Instant at, int status) {
}
