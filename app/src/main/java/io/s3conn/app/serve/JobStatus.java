package io.s3conn.app.serve;

import java.util.Map;

/**
 * What {@code GET /jobs/{name}} answers.
 *
 * @param name          the job
 * @param type          inventory or pipeline
 * @param state         idle or running
 * @param runs          runs started since the process started
 * @param lastStart     when the last run started (ISO-8601), or null
 * @param lastEnd       when it ended, or null while running
 * @param lastOutcome   ok or failed, or null
 * @param lastError     the last failure's one-line message, or null
 * @param lastSuccess   when a run last succeeded, or null
 * @param counts        what the last run did (listed, changed, deleted, records...)
 * @param checkpoint    the job's stored checkpoint, as JSON text, or null
 */
public record JobStatus(String name, String type, String state, long runs, String lastStart, String lastEnd,
                        String lastOutcome, String lastError, String lastSuccess, Map<String, Long> counts,
                        String checkpoint) {
}
