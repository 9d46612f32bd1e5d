package io.s3conn.app.serve;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The job status API of {@code s3conn serve}. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @Inject
    JobRunner runner;

    /** Every job's status. */
    @GET
    public List<JobStatus> all() {
        return runner.names().stream().map(runner::status).toList();
    }

    /** One job's status. */
    @GET
    @Path("{name}")
    public JobStatus one(@PathParam("name") String name) {
        if (!runner.exists(name)) {
            throw new NotFoundException("no job named " + name);
        }
        return runner.status(name);
    }

    /** Starts a run now: 202, or 409 when the job is already running. */
    @POST
    @Path("{name}/run")
    public Response run(@PathParam("name") String name) {
        if (!runner.exists(name)) {
            throw new NotFoundException("no job named " + name);
        }
        if (!runner.trigger(name)) {
            return Response.status(Response.Status.CONFLICT).entity(runner.status(name)).build();
        }
        return Response.accepted(runner.status(name)).build();
    }
}
