package io.s3conn.testbed;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A snapshot of the emulator's counters.
 *
 * @param requests        S3 requests received per operation (faulted ones included; control calls not)
 * @param faults          faults injected per kind
 * @param restoreRequests RestoreObject requests recorded since the last reset
 */
public record EmulatorStats(Map<S3Operation, Long> requests, Map<FaultKind, Long> faults, long restoreRequests) {

    public EmulatorStats {
        requests = Map.copyOf(requests);
        faults = Map.copyOf(faults);
    }

    /** Requests counted for one operation. */
    public long requests(S3Operation operation) {
        return requests.getOrDefault(operation, 0L);
    }

    /** Faults injected of one kind. */
    public long faults(FaultKind kind) {
        return faults.getOrDefault(kind, 0L);
    }

    public long totalRequests() {
        return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalFaults() {
        return faults.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The JSON served by {@code GET /_emulator/stats}. */
    public String toJson() {
        Map<S3Operation, Long> allRequests = new EnumMap<>(S3Operation.class);
        for (S3Operation op : S3Operation.values()) {
            allRequests.put(op, requests(op));
        }
        Map<FaultKind, Long> allFaults = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            allFaults.put(kind, faults(kind));
        }
        return "{\"requests\":{"
                + allRequests.entrySet().stream().map(e -> "\"" + e.getKey().apiName() + "\":" + e.getValue())
                        .collect(Collectors.joining(","))
                + "},\"faults\":{"
                + allFaults.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                        .collect(Collectors.joining(","))
                + "},\"restoreRequests\":" + restoreRequests + "}";
    }
}
