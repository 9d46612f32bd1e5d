package io.s3conn.testbed;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.s3conn.testbed.events.DeliverySwitches;

/**
 * The emulator's HTTP control calls under {@code /_emulator/...}, for processes that cannot use the Java
 * API (CLI tests, the demo script). Each call maps onto one {@link ArchiveEmulator} method; the list is in
 * the {@link ArchiveEmulator} Javadoc.
 */
final class EmulatorControl {

    private final ArchiveEmulator emulator;

    EmulatorControl(ArchiveEmulator emulator) {
        this.emulator = emulator;
    }

    Reply handle(String method, String rawPath, URI uri) {
        String call = method + " " + rawPath.substring(ArchiveEmulator.CONTROL_PREFIX.length());
        Query query = new Query(call, S3Request.parseQuery(uri.getRawQuery()));
        try {
            Optional<Supplier<Reply>> action = action(call, query);
            if (action.isEmpty()) {
                return Reply.json(404, "{\"error\":" + JsonText.quoted("unknown control call " + call) + "}");
            }
            query.refuseUnread();
            return action.get().get();
        } catch (IllegalArgumentException e) {
            return Reply.json(400, "{\"error\":" + JsonText.quoted(String.valueOf(e.getMessage())) + "}");
        }
    }

    /**
     * What {@code call} does, its parameters read from {@code query} first: the names read here are the parameters a
     * call takes ({@link Query#refuseUnread}), and a value that does not parse refuses the call before it sets anything.
     */
    private Optional<Supplier<Reply>> action(String call, Query query) {
        Supplier<Reply> action = switch (call) {
            case "PUT /faults" -> {
                double rate = Double.parseDouble(query.required("rate"));
                Set<FaultKind> kinds = query.optional("kinds")
                        .map(k -> Arrays.stream(k.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                                .map(s -> FaultKind.valueOf(s.toUpperCase(Locale.ROOT)))
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))))
                        .orElse(EnumSet.of(FaultKind.SLOW_DOWN, FaultKind.INTERNAL_ERROR, FaultKind.RESET));
                Duration slow = Duration.ofMillis(Long.parseLong(query.optional("slowMillis").orElse("500")));
                Long seed = query.optional("seed").map(Long::valueOf).orElse(null);
                Set<S3Operation> operations = query.optional("operations")
                        .<Set<S3Operation>>map(o -> Arrays.stream(o.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                                .map(s -> S3Operation.valueOf(s.toUpperCase(Locale.ROOT)))
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(S3Operation.class))))
                        .orElse(Set.of());
                yield done(() -> emulator.setFaults(rate, kinds, slow, seed, operations));
            }
            case "DELETE /faults" -> done(emulator::clearFaults);
            case "PUT /notifications/delivery" -> {
                DeliverySwitches delivery = DeliverySwitches.none()
                        .delay(Duration.ofMillis(Long.parseLong(query.optional("delayMillis").orElse("0"))))
                        .drop(Double.parseDouble(query.optional("dropRate").orElse("0")))
                        .duplicate(Double.parseDouble(query.optional("duplicateRate").orElse("0")));
                DeliverySwitches switches = query.optional("reorderMillis")
                        .map(millis -> delivery.reorder(Duration.ofMillis(Long.parseLong(millis)))).orElse(delivery);
                yield done(() -> emulator.notifications().switches(switches));
            }
            case "DELETE /notifications/delivery" -> done(() -> emulator.notifications().switches(DeliverySwitches.none()));
            case "PUT /latency" -> {
                Duration latency = Duration.ofMillis(Long.parseLong(query.required("millis")));
                yield done(() -> emulator.setLatency(latency));
            }
            case "PUT /optional-attributes" -> {
                OptionalAttributesMode mode = OptionalAttributesMode.valueOf(query.required("mode").toUpperCase(Locale.ROOT));
                yield done(() -> emulator.setOptionalAttributesMode(mode));
            }
            case "PUT /restore-delay" -> {
                Duration delay = Duration.ofMillis(Long.parseLong(query.required("millis")));
                yield done(() -> emulator.setRestoreDelay(delay));
            }
            case "PUT /expedited" -> {
                boolean available = Boolean.parseBoolean(query.required("available"));
                yield done(() -> emulator.setExpeditedUnavailable(!available));
            }
            case "POST /restores/complete" -> () -> Reply.json(200, "{\"completed\":" + emulator.completeRestores() + "}");
            case "GET /restores" -> () -> Reply.json(200, emulator.restoreRequests().stream()
                    .map(EmulatorControl::json).collect(Collectors.joining(",", "[", "]")));
            case "PUT /archive-status" -> {
                String bucket = query.required("bucket");
                String key = query.required("key");
                String status = query.required("status").toUpperCase(Locale.ROOT);
                yield done(() -> emulator.setArchiveStatus(bucket, key, status));
            }
            case "GET /stats" -> () -> Reply.json(200, emulator.stats().toJson());
            case "POST /stats/reset" -> done(emulator::resetStats);
            case "POST /reset" -> done(emulator::reset);
            default -> null;
        };
        return Optional.ofNullable(action);
    }

    /** Does {@code change} and answers that it did. */
    private static Supplier<Reply> done(Runnable change) {
        return () -> {
            change.run();
            return ok();
        };
    }

    /**
     * The query parameters of one call, each read by name. Those it did not read are refused ({@link #refuseUnread}):
     * a misspelt optional one ({@code delayMilis}) was ignored, and the call answered 200 having set nothing the caller
     * meant.
     */
    private static final class Query {
        private final String call;
        private final Map<String, String> given;
        private final Set<String> read = new LinkedHashSet<>();

        Query(String call, Map<String, String> given) {
            this.call = call;
            this.given = given;
        }

        String required(String name) {
            return optional(name).orElseThrow(() -> new IllegalArgumentException("missing query parameter " + name));
        }

        Optional<String> optional(String name) {
            read.add(name);
            return Optional.ofNullable(given.get(name));
        }

        void refuseUnread() {
            for (String name : given.keySet()) {
                if (!read.contains(name)) {
                    throw new IllegalArgumentException("unknown query parameter " + name + " of " + call
                            + (read.isEmpty() ? ", which takes none" : "; it takes " + String.join(", ", read)));
                }
            }
        }
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
