package io.s3conn.glacier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestRateTest {

    @Test
    void aRateIsWrittenPerSecondOrAsABareNumber() {
        assertThat(RequestRate.parse("100/s")).isEqualTo(new RequestRate(100));
        assertThat(RequestRate.parse(" 2.5 /S ")).isEqualTo(new RequestRate(2.5));
        assertThat(RequestRate.parse("50")).isEqualTo(new RequestRate(50));
    }

    @Test
    void requestsAreSpacedByTheInverseOfTheRateAndZeroMeansNoLimit() {
        assertThat(new RequestRate(100).intervalNanos()).isEqualTo(10_000_000L);
        assertThat(new RequestRate(0).intervalNanos()).isZero();
    }

    @Test
    void anythingElseIsRefusedWithAnExample() {
        assertThatThrownBy(() -> RequestRate.parse("fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be requests a second such as 100/s, was: fast");
        assertThatThrownBy(() -> RequestRate.parse("-1/s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPacerSpacesConsecutiveRequestsByTheInterval() throws InterruptedException {
        RequestPacer pacer = new RequestPacer(new RequestRate(20));
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            pacer.await();
        }
        assertThat(System.nanoTime() - start).as("four intervals of 50 ms").isGreaterThanOrEqualTo(190_000_000L);
    }
}
