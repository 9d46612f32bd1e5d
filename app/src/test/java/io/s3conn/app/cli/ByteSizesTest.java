package io.s3conn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

    @Test
    void aNumberWithoutUnitIsBytes() {
        assertThat(ByteSizes.parse("10485760")).isEqualTo(10_485_760L);
    }

    @Test
    void aByteSuffixAloneIsBytes() {
        assertThat(ByteSizes.parse("512B")).isEqualTo(512L);
    }

    @Test
    void decimalUnitsArePowersOfAThousand() {
        assertThat(ByteSizes.parse("500MB")).isEqualTo(500_000_000L);
    }

    @Test
    void binaryUnitsArePowersOf1024() {
        assertThat(ByteSizes.parse("10GiB")).isEqualTo(10L * 1024 * 1024 * 1024);
    }

    @Test
    void aFractionOfAUnitIsRoundedDown() {
        assertThat(ByteSizes.parse("1.5KiB")).isEqualTo(1536L);
    }

    /** Before, "invalid size "lots": use e.g. ...", which after a setting's name read unlike its other value errors. */
    @Test
    void aRefusalReadsAfterTheNameOfWhatWasSet() {
        assertThatThrownBy(() -> ByteSizes.parse("lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be a size such as 1048576, 500MB or 10GiB, was: lots");
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> ByteSizes.parse("-5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
    }

    @Test
    void aSizeBeyondALongIsRefusedInsteadOfWrappingAround() {
        assertThatThrownBy(() -> ByteSizes.parse("9999PB")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be at most 9223372036854775807 bytes (8EiB), was: 9999PB");
    }

    @Test
    void aSizeOfTwoToTheSixtyFourPlusOneIsRefusedRatherThanReadAsOneByte() {
        assertThatThrownBy(() -> ByteSizes.parse("18446744073709551617")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("must be at most 9223372036854775807 bytes");
    }
}
