package io.s3conn.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Decides, per proxied S3 request, whether to inject a fault and which one. Seedable, so a test that
 * sends its requests one after another sees the same faults on every run.
 */
final class FaultInjector {

    private double rate;
    private List<FaultKind> kinds = List.of();
    /** The operations faults are injected into; empty: all. */
    private Set<S3Operation> operations = Set.of();
    private Duration slowDelay = Duration.ofMillis(500);
    private Duration latency = Duration.ZERO;
    private Random random = new Random();
    private final Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);

    /**
     * @param rate      probability in [0, 1] that a request gets a fault
     * @param kinds     the kinds to choose from, uniformly
     * @param slowDelay how long a {@link FaultKind#SLOW} request is held
     * @param seed      seed for reproducible faults, null for a random one
     */
    synchronized void configure(double rate, Set<FaultKind> kinds, Duration slowDelay, Long seed) {
        configure(rate, kinds, slowDelay, seed, Set.of());
    }

    /**
     * The same, injecting faults only into requests of {@code operations} (all when empty): a server that fails one
     * kind of request, such as RestoreObject, while listings still work.
     */
    synchronized void configure(double rate, Set<FaultKind> kinds, Duration slowDelay, Long seed, Set<S3Operation> operations) {
        if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate must be within 0..1: " + rate);
        }
        if (rate > 0 && kinds.isEmpty()) {
            throw new IllegalArgumentException("a positive fault rate needs at least one fault kind");
        }
        this.rate = rate;
        this.kinds = new ArrayList<>(EnumSet.copyOf(kinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : kinds));
        this.slowDelay = slowDelay;
        this.random = seed == null ? new Random() : new Random(seed);
        this.operations = Set.copyOf(operations);
    }

    synchronized void disable() {
        rate = 0;
        kinds = List.of();
        operations = Set.of();
    }

    /** The fault for the next request, of {@code operation}, or null for none. */
    synchronized FaultKind next(S3Operation operation) {
        if (rate <= 0 || kinds.isEmpty() || !operations.isEmpty() && !operations.contains(operation)
                || random.nextDouble() >= rate) {
            return null;
        }
        FaultKind kind = kinds.get(random.nextInt(kinds.size()));
        injected.merge(kind, 1L, Long::sum);
        return kind;
    }

    synchronized Duration slowDelay() {
        return slowDelay;
    }

    /** Fixed delay added to every proxied request, to model a network round trip. */
    synchronized void latency(Duration latency) {
        this.latency = latency;
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized Map<FaultKind, Long> injected() {
        return Map.copyOf(injected);
    }

    synchronized void resetCounters() {
        injected.clear();
    }
}
