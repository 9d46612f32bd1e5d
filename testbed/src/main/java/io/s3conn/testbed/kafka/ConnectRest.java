package io.s3conn.testbed.kafka;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API of a Connect worker: create, validate, read the status of and delete connectors.
 */
public final class ConnectRest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    /** @param base the worker's REST address, such as {@code http://127.0.0.1:8083} */
    public ConnectRest(URI base) {
        this.base = base;
    }

    /** An HTTP answer: status and body. */
    public record Response(int status, String body) {

        /** The body as JSON: maps, lists, strings, numbers, booleans. */
        public Object json() {
            return Json.parse(body);
        }

        /** The {@code message} of an error body, if any. */
        public Optional<String> message() {
            return json() instanceof Map<?, ?> map && map.get("message") instanceof String text ? Optional.of(text) : Optional.empty();
        }
    }

    /** The state of a connector and of its tasks, as {@code GET /connectors/NAME/status} tells. */
    public record Status(String connectorState, Optional<String> connectorTrace, List<TaskStatus> tasks) {

        /** Whether the connector and every task run, and there is at least one task. */
        public boolean running() {
            return connectorState.equals("RUNNING") && !tasks.isEmpty() && tasks.stream().allMatch(t -> t.state().equals("RUNNING"));
        }

        /** Whether the connector and every task of it are paused. */
        public boolean paused() {
            return connectorState.equals("PAUSED") && !tasks.isEmpty() && tasks.stream().allMatch(t -> t.state().equals("PAUSED"));
        }

        /** Whether the connector is stopped: no task runs (KIP-875). */
        public boolean stopped() {
            return connectorState.equals("STOPPED") && tasks.isEmpty();
        }

        /** Whether the connector or a task failed. */
        public boolean failed() {
            return connectorState.equals("FAILED") || tasks.stream().anyMatch(t -> t.state().equals("FAILED"));
        }

        /** The first line of the first failure's trace: its reason. */
        public Optional<String> failureReason() {
            return connectorTrace.or(() -> tasks.stream().flatMap(t -> t.trace().stream()).findFirst())
                    .map(trace -> trace.lines().findFirst().orElse(trace));
        }
    }

    /** One task's state and the worker that runs it. */
    public record TaskStatus(int id, String state, String workerId, Optional<String> trace) {
    }

    /** {@code PUT /connectors/NAME/config}: creates the connector, or changes its configuration. */
    public Response putConnector(String name, Map<String, String> config) {
        return send(HttpRequest.newBuilder(base.resolve("/connectors/" + name + "/config"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(Json.write(config))));
    }

    /** {@code PUT /connector-plugins/CLASS/config/validate}. */
    public Response validate(String connectorClass, Map<String, String> config) {
        String simpleName = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        return send(HttpRequest.newBuilder(base.resolve("/connector-plugins/" + simpleName + "/config/validate"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(Json.write(config))));
    }

    /** {@code GET /connector-plugins}. */
    public Response plugins() {
        return send(HttpRequest.newBuilder(base.resolve("/connector-plugins")).GET());
    }

    /** {@code GET /connectors/NAME/status}; empty while the worker does not know the connector. */
    @SuppressWarnings("unchecked")
    public Optional<Status> status(String name) {
        Response response = send(HttpRequest.newBuilder(base.resolve("/connectors/" + name + "/status")).GET());
        if (response.status() != 200) {
            return Optional.empty();
        }
        Map<String, Object> body = (Map<String, Object>) response.json();
        Map<String, Object> connector = (Map<String, Object>) body.get("connector");
        List<TaskStatus> tasks = ((List<Map<String, Object>>) body.get("tasks")).stream()
                .map(t -> new TaskStatus(((Number) t.get("id")).intValue(), (String) t.get("state"), (String) t.get("worker_id"),
                        Optional.ofNullable((String) t.get("trace"))))
                .toList();
        return Optional.of(new Status((String) connector.get("state"), Optional.ofNullable((String) connector.get("trace")), tasks));
    }

    /** Waits until the connector and all its tasks run; fails with the reason when one fails first. */
    public Status awaitRunning(String name, Duration timeout) {
        return await(name, timeout, Status::running);
    }

    /** Waits until the connector or a task failed. */
    public Status awaitFailed(String name, Duration timeout) {
        return await(name, timeout, Status::failed);
    }

    /**
     * Waits until the connector and its tasks are paused: a task pauses between two polls, once the pause has gone
     * through the config topic to its worker, not when {@code PUT .../pause} answers.
     */
    public Status awaitPaused(String name, Duration timeout) {
        return await(name, timeout, Status::paused);
    }

    /** Waits until the connector is stopped. */
    public Status awaitStopped(String name, Duration timeout) {
        return await(name, timeout, Status::stopped);
    }

    /** {@code PUT /connectors/NAME/stop}: stops the connector and its tasks; their offsets stay. */
    public Response stop(String name) {
        return send(HttpRequest.newBuilder(base.resolve("/connectors/" + name + "/stop")).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    /** {@code PUT /connectors/NAME/resume}: starts a stopped connector again, which configures its tasks anew, or polls a paused one again. */
    public Response resume(String name) {
        return send(HttpRequest.newBuilder(base.resolve("/connectors/" + name + "/resume")).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    /** {@code PUT /connectors/NAME/pause}: the tasks stay, and are not polled until resumed. */
    public Response pause(String name) {
        return send(HttpRequest.newBuilder(base.resolve("/connectors/" + name + "/pause")).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    /** {@code POST /connectors/NAME/tasks/TASK/restart}: stops task {@code task} and starts it again. */
    public Response restartTask(String name, int task) {
        return send(HttpRequest.newBuilder(base.resolve("/connectors/" + name + "/tasks/" + task + "/restart"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** {@code GET /connectors/NAME/offsets}: the offsets Connect holds for the connector's partitions. */
    public Response offsets(String name) {
        return send(HttpRequest.newBuilder(base.resolve("/connectors/" + name + "/offsets")).GET());
    }

    /**
     * {@code PATCH /connectors/NAME/offsets}: alters a stopped connector's offsets.
     *
     * @param offsets the body, as {@link #offsets} answers it: {@code {"offsets":[{"partition":{…},"offset":{…}}]}}
     */
    public Response alterOffsets(String name, String offsets) {
        return send(HttpRequest.newBuilder(base.resolve("/connectors/" + name + "/offsets"))
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(offsets)));
    }

    /** {@code DELETE /connectors/NAME/offsets}: resets a stopped connector's offsets. */
    public Response resetOffsets(String name) {
        return send(HttpRequest.newBuilder(base.resolve("/connectors/" + name + "/offsets")).DELETE());
    }

    /** {@code DELETE /connectors/NAME}. */
    public Response delete(String name) {
        return send(HttpRequest.newBuilder(base.resolve("/connectors/" + name)).DELETE());
    }

    /** Whether the worker answers {@code GET /}. */
    public boolean answers() {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Status await(String name, Duration timeout, java.util.function.Predicate<Status> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Status> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = status(name);
            if (last.isPresent() && done.test(last.get())) {
                return last.get();
            }
            if (last.isPresent() && last.get().failed()) {
                throw new IllegalStateException("connector " + name + " failed: " + last.get().failureReason().orElse("?"));
            }
            ChildJvm.sleep(200);
        }
        throw new IllegalStateException("connector " + name + " not there within " + timeout + "; last status " + last);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Connect REST request to " + base + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
