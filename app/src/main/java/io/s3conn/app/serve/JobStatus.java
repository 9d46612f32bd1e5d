package io.s3conn.app.serve;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * What {@code GET /jobs/{name}} answers.
 *
 * @param name          the job
 * @param type          inventory or pipeline
 * @param state         idle or running
 * @param runs          runs started since the process started
 * @param lastStart     when the last run started (ISO-8601), or null
 * @param lastEnd       when it ended, or null while running
 * @param lastOutcome   ok, failed, or stopped (serve stopped the run: it resumes at the next one), or null
 * @param lastError     the last failure's one-line message, or null
 * @param lastSuccess   when a run last succeeded (a pipeline: when its last CDC poll completed; a watch: when its
 *                      last reconciling sync completed), or null
 * @param ticksSkipped  ticks of its schedule that found the job still running, so started no run
 * @param counts        what the last run did, or a running pipeline or watch so far (listed, changed, records...)
 * @param checkpoint    the job's checkpoint as a JSON object (written into the answer as is), or null
 */
public record JobStatus(String name, String type, String state, long runs, String lastStart, String lastEnd,
                        String lastOutcome, String lastError, String lastSuccess, long ticksSkipped, Map<String, Long> counts,
                        @JsonRawValue String checkpoint) {
}
