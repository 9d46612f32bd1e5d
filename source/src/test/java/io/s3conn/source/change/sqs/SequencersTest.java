package io.s3conn.source.change.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequencersTest {

    @Test
    void theGreaterHexadecimalValueHappenedLater() {
        assertThat(Sequencers.compare("0055AED6DCD90281E5", "0055AED6DCD90281E6")).isNegative();
        assertThat(Sequencers.compare("0055AED6DCD90281E6", "0055AED6DCD90281E5")).isPositive();
    }

    @Test
    void theShorterValueIsRightPaddedWithZerosBeforeComparing() {
        // Padded, "0055AED6DCD9028" is "0055AED6DCD902800", smaller than "0055AED6DCD90281E5".
        assertThat(Sequencers.compare("0055AED6DCD9028", "0055AED6DCD90281E5")).isNegative();
        assertThat(Sequencers.compare("0055AED6DCD90281", "0055AED6DCD902810")).isZero();
        assertThat(Sequencers.compare("0056", "0055AED6DCD90281E5")).isPositive();
    }

    @Test
    void caseDoesNotMatter() {
        assertThat(Sequencers.compare("00ab", "00AB")).isZero();
    }
}
