package io.s3conn.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** Every meter of serve's jobs, as Prometheus scrapes it. */
class JobMetersTest {

    private static List<String> exposition() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JobMeters meters = new JobMeters(registry);
        meters.runs("j", "ok");
        meters.errors("j");
        meters.objectsListed("j");
        meters.recordsRead("j");
        meters.recordsWritten("j");
        meters.ticksSkipped("j", "state", s -> 0);
        meters.lastSuccess("j", "state", s -> 0);
        meters.lag("j", "state", s -> 0);
        meters.eventLag("j", "state", s -> 0);
        meters.events("j", "state", s -> 0);
        return registry.scrape().lines().toList();
    }

    @Test
    void everyMeterHasHelpText() {
        List<String> help = exposition().stream().filter(line -> line.startsWith("# HELP s3conn_")).toList();

        assertThat(help).hasSize(10).allSatisfy(line -> assertThat(line).matches("# HELP s3conn_\\w+ +\\S.*"));
    }

    @Test
    void theNamesAreTheDocumentedOnes() {
        assertThat(exposition().stream().filter(line -> line.startsWith("# TYPE s3conn_")))
                .containsExactlyInAnyOrder("# TYPE s3conn_job_runs_total counter", "# TYPE s3conn_errors_total counter",
                        "# TYPE s3conn_objects_listed_total counter", "# TYPE s3conn_records_read_total counter",
                        "# TYPE s3conn_records_written_total counter", "# TYPE s3conn_job_ticks_skipped_total counter",
                        "# TYPE s3conn_inventory_events_total counter", "# TYPE s3conn_job_last_success_seconds gauge",
                        "# TYPE s3conn_job_lag_seconds gauge", "# TYPE s3conn_inventory_event_lag_seconds gauge");
    }
}
