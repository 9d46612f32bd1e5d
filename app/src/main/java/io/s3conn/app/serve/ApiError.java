package io.s3conn.app.serve;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.s3conn.core.json.Json;

/**
 * The body of every error {@code serve} answers over HTTP ({@code {"error": "..."}}): an unknown job, path or method, a
 * missing token. One shape, so that a script reads any refusal the same way, whichever layer gave it.
 *
 * @param error what was wrong, in one line
 */
public record ApiError(String error) {

    /** The media type of an error body, as the API's other answers: JSON in UTF-8. */
    static final String CONTENT_TYPE = MediaType.APPLICATION_JSON + ";charset=UTF-8";

    /** An answer of {@code status} carrying {@code message}. */
    static Response.ResponseBuilder response(Response.Status status, String message) {
        return Response.status(status).type(CONTENT_TYPE).entity(new ApiError(message));
    }

    /** The body as JSON text, for answers given outside the REST layer. */
    String json() {
        return Json.write(this);
    }
}
