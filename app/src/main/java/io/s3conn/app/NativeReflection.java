package io.s3conn.app;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.s3conn.app.serve.ApiError;
import io.s3conn.app.serve.JobStatus;
import io.s3conn.app.serve.JobsResource;
import io.s3conn.inventory.InventoryCheckpoint;
import io.s3conn.inventory.SyncCounters;

/**
 * The types Jackson reads and writes by reflection (checkpoints, API answers; pipeline files are read as trees),
 * registered for the native image: library modules stay free of Quarkus annotations. The API's resource is read by
 * reflection too: its annotations say which methods a path takes ({@code serve.ApiRoutes}).
 */
@RegisterForReflection(targets = {
        InventoryCheckpoint.class, InventoryCheckpoint.Run.class, InventoryCheckpoint.CompletedRun.class,
        SyncCounters.class, JobStatus.class, ApiError.class, JobsResource.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}
