package io.s3conn.app.serve;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * The job status API of {@code s3conn serve}. Its media type names the charset: GET's JSON writer adds it, but a HEAD
 * writes nothing, and answered {@code application/json} alone.
 */
@Path("/jobs")
@Produces(ApiError.CONTENT_TYPE)
public class JobsResource {

    @Inject
    JobRunner runner;

    /** Every job's status. */
    @GET
    public List<JobStatus> all() {
        return runner.names().stream().map(runner::status).toList();
    }

    /** One job's status, or 404. */
    @GET
    @Path("{name}")
    public Response one(@PathParam("name") String name) {
        if (!runner.exists(name)) {
            return noSuchJob(name);
        }
        return Response.ok(runner.status(name)).build();
    }

    /** Starts a run now: 202, 409 when the job is already running, or 404. */
    @POST
    @Path("{name}/run")
    public Response run(@PathParam("name") String name) {
        if (!runner.exists(name)) {
            return noSuchJob(name);
        }
        if (!runner.trigger(name)) {
            return Response.status(Response.Status.CONFLICT).entity(runner.status(name)).build();
        }
        return Response.accepted(runner.status(name)).build();
    }

    /** A 404 that says why, and which jobs there are: a typo in a script's job name is then seen at once. */
    private Response noSuchJob(String name) {
        return ApiError.response(Response.Status.NOT_FOUND, "no job named " + name + "; jobs: " + String.join(", ", runner.names()))
                .build();
    }
}
