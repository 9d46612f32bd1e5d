package io.s3conn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/** Real signals, raised in this JVM: each test raises one, which the installed handler takes. */
class StopSignalsTest {

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @Test
    void sigtermRunsTheStopOnceAndNamesExitCode143() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(1);
        try (StopSignals signals = StopSignals.install(() -> {
            stops.incrementAndGet();
            stopped.countDown();
        })) {
            Signal.raise(new Signal("TERM"));

            assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(signals.received()).contains(new StopSignals.Received("SIGTERM", ExitCode.TERMINATED));
        }
        assertThat(stops).hasValue(1);
    }

    /** Before, a command installed its handler once its work had started: a SIGTERM before ended the JVM, exit 143. */
    @Test
    void aSigtermBeforeTheWorkExistsIsKeptAndStopsTheWorkOnceItIsThere() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        try (StopSignals signals = StopSignals.installBeforeStart()) {
            Signal.raise(new Signal("TERM"));
            awaitReceived(signals);

            signals.stopWith(stopped::countDown);

            assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(signals.received()).contains(new StopSignals.Received("SIGTERM", ExitCode.TERMINATED));
        }
    }

    @Test
    void aSigtermAfterTheWorkIsNamedRunsItsStopOnce() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(1);
        try (StopSignals signals = StopSignals.installBeforeStart()) {
            signals.stopWith(() -> {
                stops.incrementAndGet();
                stopped.countDown();
            });

            Signal.raise(new Signal("TERM"));

            assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(stops).hasValue(1);
    }

    /** Before, it ran with the signal thread's (the system class loader), where Quarkus's libraries are not found. */
    @Test
    void theStopRunsWithTheClassLoaderOfTheThreadThatInstalledIt() throws Exception {
        ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(application);
        try (StopSignals ignored = StopSignals.install(() -> {
            seen.set(Thread.currentThread().getContextClassLoader());
            stopped.countDown();
        })) {
            Signal.raise(new Signal("TERM"));

            assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        assertThat(seen.get()).isSameAs(application);
    }

    @Test
    void sigintNamesExitCode130() throws Exception {
        // A JVM started with SIGINT ignored (a background job of a script) installs no handler for it, as s3conn then.
        SignalHandler before = Signal.handle(new Signal("INT"), signal -> { });
        assumeFalse(before == SignalHandler.SIG_IGN, "SIGINT is ignored in this JVM");
        Signal.handle(new Signal("INT"), before);
        CountDownLatch stopped = new CountDownLatch(1);
        try (StopSignals signals = StopSignals.install(stopped::countDown)) {
            Signal.raise(new Signal("INT"));

            assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(signals.received()).contains(new StopSignals.Received("SIGINT", ExitCode.INTERRUPTED));
        }
    }

    @Test
    void aStopStillRunningAfterTwoSecondsSaysHowToQuitAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StopSignals ignored = StopSignals.install(() -> awaitQuietly(release))) {
            Signal.raise(new Signal("TERM"));
            // The hint comes HINT_AFTER after the handler ran, which is on the JVM's signal thread, soon after the raise
            // but not at a time to count on: waited for (before, a fixed second of slack).
            long deadline = System.nanoTime() + StopSignals.HINT_AFTER.toNanos() + TimeUnit.SECONDS.toNanos(10);
            while (!stderr.text().endsWith(System.lineSeparator()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(stderr.text()).isEqualTo("s3conn: stopping once the work in hand is done; SIGTERM again quits at once"
                    + System.lineSeparator());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aStopDoneWithinTwoSecondsSaysNothing() throws Exception {
        try (StopSignals signals = StopSignals.install(() -> { })) {
            Signal.raise(new Signal("TERM"));
            // Closed only once the handler took the signal: closed before, it would give the signal to the handler it
            // restores, the JVM's, which ends this JVM (before, a fixed 500 ms).
            awaitReceived(signals);
        }
        Thread.sleep(StopSignals.HINT_AFTER.toMillis() + 1000); // a hint not held back by the close would be out by now

        assertThat(stderr.text()).isEmpty();
    }

    /** The signal raised is taken by the JVM's signal thread: received soon after, not at once. */
    private static void awaitReceived(StopSignals signals) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (signals.received().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(signals.received()).as("the signal was received").isPresent();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
