package io.s3conn.app.serve;

/** What {@code serve} does as it starts, for the tests that run the application inside the test JVM. */
final class InProcessServe {

    private InProcessServe() {
    }

    /**
     * Starts the job scheduler where the application runs inside the test JVM ({@code @QuarkusTest} boots it without
     * a command), as {@code serve} does: its jobs, their status and meters exist from then on. The packaged application
     * ({@code @QuarkusIntegrationTest}) is launched as {@code serve}, which starts its scheduler itself; there is no
     * container here then.
     */
    static void startJobs() {
        io.quarkus.arc.ArcContainer container = io.quarkus.arc.Arc.container();
        if (container != null) {
            container.instance(JobScheduler.class).get().start();
        }
    }
}
