package io.s3conn.testbed;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.s3conn.testbed.events.DeliverySwitches;

/**
 * The emulator's HTTP control calls under {@code /_emulator/...}, for processes that cannot use the Java
 * API (CLI tests, the demo script). Each call maps onto one {@link ArchiveEmulator} method; the list is in
 * the {@link ArchiveEmulator} Javadoc.
 */
final class EmulatorControl {

    /**
     * The query parameters of each call that takes any. Others are refused: a misspelt optional one
     * ({@code delayMilis}) was ignored, and the call answered 200 having set nothing the caller meant.
     */
    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "PUT /faults", List.of("rate", "kinds", "slowMillis", "seed", "operations"),
            "PUT /notifications/delivery", List.of("delayMillis", "dropRate", "duplicateRate", "reorderMillis"),
            "PUT /latency", List.of("millis"),
            "PUT /optional-attributes", List.of("mode"),
            "PUT /restore-delay", List.of("millis"),
            "PUT /expedited", List.of("available"),
            "PUT /archive-status", List.of("bucket", "key", "status"));

    private final ArchiveEmulator emulator;

    EmulatorControl(ArchiveEmulator emulator) {
        this.emulator = emulator;
    }

    Reply handle(String method, String rawPath, URI uri) {
        String path = rawPath.substring(ArchiveEmulator.CONTROL_PREFIX.length());
        Map<String, String> query = S3Request.parseQuery(uri.getRawQuery());
        try {
            checkParameters(method + " " + path, query);
            return switch (method + " " + path) {
                case "PUT /faults" -> {
                    double rate = Double.parseDouble(required(query, "rate"));
                    Set<FaultKind> kinds = query.containsKey("kinds")
                            ? Arrays.stream(query.get("kinds").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                                    .map(s -> FaultKind.valueOf(s.toUpperCase(Locale.ROOT)))
                                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class)))
                            : EnumSet.of(FaultKind.SLOW_DOWN, FaultKind.INTERNAL_ERROR, FaultKind.RESET);
                    Duration slow = Duration.ofMillis(Long.parseLong(query.getOrDefault("slowMillis", "500")));
                    Long seed = query.containsKey("seed") ? Long.valueOf(query.get("seed")) : null;
                    Set<S3Operation> operations = query.containsKey("operations")
                            ? Arrays.stream(query.get("operations").split(",")).map(String::trim).filter(o -> !o.isEmpty())
                                    .map(o -> S3Operation.valueOf(o.toUpperCase(Locale.ROOT)))
                                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(S3Operation.class)))
                            : Set.of();
                    emulator.setFaults(rate, kinds, slow, seed, operations);
                    yield ok();
                }
                case "DELETE /faults" -> {
                    emulator.clearFaults();
                    yield ok();
                }
                case "PUT /notifications/delivery" -> {
                    DeliverySwitches switches = DeliverySwitches.none()
                            .delay(Duration.ofMillis(Long.parseLong(query.getOrDefault("delayMillis", "0"))))
                            .drop(Double.parseDouble(query.getOrDefault("dropRate", "0")))
                            .duplicate(Double.parseDouble(query.getOrDefault("duplicateRate", "0")));
                    if (query.containsKey("reorderMillis")) {
                        switches = switches.reorder(Duration.ofMillis(Long.parseLong(query.get("reorderMillis"))));
                    }
                    emulator.notifications().switches(switches);
                    yield ok();
                }
                case "DELETE /notifications/delivery" -> {
                    emulator.notifications().switches(DeliverySwitches.none());
                    yield ok();
                }
                case "PUT /latency" -> {
                    emulator.setLatency(Duration.ofMillis(Long.parseLong(required(query, "millis"))));
                    yield ok();
                }
                case "PUT /optional-attributes" -> {
                    emulator.setOptionalAttributesMode(
                            OptionalAttributesMode.valueOf(required(query, "mode").toUpperCase(Locale.ROOT)));
                    yield ok();
                }
                case "PUT /restore-delay" -> {
                    emulator.setRestoreDelay(Duration.ofMillis(Long.parseLong(required(query, "millis"))));
                    yield ok();
                }
                case "PUT /expedited" -> {
                    emulator.setExpeditedUnavailable(!Boolean.parseBoolean(required(query, "available")));
                    yield ok();
                }
                case "POST /restores/complete" ->
                        Reply.json(200, "{\"completed\":" + emulator.completeRestores() + "}");
                case "GET /restores" -> Reply.json(200, emulator.restoreRequests().stream()
                        .map(EmulatorControl::json).collect(Collectors.joining(",", "[", "]")));
                case "PUT /archive-status" -> {
                    emulator.setArchiveStatus(required(query, "bucket"), required(query, "key"),
                            required(query, "status").toUpperCase(Locale.ROOT));
                    yield ok();
                }
                case "GET /stats" -> Reply.json(200, emulator.stats().toJson());
                case "POST /stats/reset" -> {
                    emulator.resetStats();
                    yield ok();
                }
                case "POST /reset" -> {
                    emulator.reset();
                    yield ok();
                }
                default -> Reply.json(404, "{\"error\":" + JsonText.quoted("unknown control call " + method + " " + path) + "}");
            };
        } catch (IllegalArgumentException e) {
            return Reply.json(400, "{\"error\":" + JsonText.quoted(String.valueOf(e.getMessage())) + "}");
        }
    }

    private static void checkParameters(String call, Map<String, String> query) {
        List<String> known = PARAMETERS.getOrDefault(call, List.of());
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown query parameter " + name + " of " + call
                        + (known.isEmpty() ? ", which takes none" : "; it takes " + String.join(", ", known)));
            }
        }
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing query parameter " + name);
        }
        return value;
    }

    private static Reply ok() {
        return Reply.json(200, "{\"ok\":true}");
    }

    private static String json(RestoreRequestRecord r) {
        return "{\"bucket\":" + JsonText.quoted(r.bucket()) + ",\"key\":" + JsonText.quoted(r.key())
                + ",\"days\":" + r.days() + ",\"tier\":" + JsonText.quoted(r.tier()) + ",\"at\":\"" + r.at()
                + "\",\"status\":" + r.status() + "}";
    }
}
