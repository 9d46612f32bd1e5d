package io.s3conn.app.serve;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.quarkus.micrometer.runtime.binder.JVMInfoBinder;

/**
 * The JVM and process metrics of {@code /q/metrics}: the meters quarkus-micrometer's jvm and system binders
 * register, bound when {@code serve} starts instead of at every start-up. Those binders are off
 * ({@code quarkus.micrometer.binder.jvm/system=false}) because they initialise the JDK's management beans
 * at every start-up, CLI commands included, for metrics nobody scrapes there: Quarkus' registry step took
 * 40-190 ms with them and about 20 ms without (2 cores, {@code -Dquarkus.debug.print-startup-times=true}).
 */
@ApplicationScoped
public class JvmMetrics {

    @Inject
    MeterRegistry registry;

    private boolean bound;

    /** Registers the JVM and process meters; idempotent. */
    public synchronized void bind() {
        if (bound) {
            return;
        }
        bound = true;
        // JvmGcMetrics and JvmHeapPressureMetrics hold JMX listeners for as long as serve runs: never closed.
        List<MeterBinder> binders = List.of(new ClassLoaderMetrics(), new JvmHeapPressureMetrics(), new JvmMemoryMetrics(),
                new JvmThreadMetrics(), new JVMInfoBinder(), new JvmGcMetrics(), new UptimeMetrics(), new ProcessorMetrics(),
                new FileDescriptorMetrics());
        binders.forEach(binder -> binder.bindTo(registry));
    }
}
