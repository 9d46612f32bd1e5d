package io.s3conn.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectUploaderTest {

    private static final long MIB = 1024L * 1024;

    @Test
    void aBatchThatFitsInTenThousandPartsUsesTheConfiguredPartSize() {
        assertThat(ObjectUploader.partSize(16 * MIB, 16 * MIB * ObjectUploader.MAX_PARTS)).isEqualTo(16 * MIB);
    }

    @Test
    void aBatchTooLargeForTenThousandConfiguredPartsGetsPartsLargeEnoughForIt() {
        long fileSize = 16 * MIB * ObjectUploader.MAX_PARTS + 1;

        int partSize = ObjectUploader.partSize(16 * MIB, fileSize);

        assertThat(partSize).isGreaterThan((int) (16 * MIB));
        assertThat((fileSize + partSize - 1) / partSize).isLessThanOrEqualTo(ObjectUploader.MAX_PARTS);
    }

    @Test
    void aBatchNeedingPartsAboveTheLargestPartIsRefusedBeforeAnyPartIsSent() {
        assertThatThrownBy(() -> ObjectUploader.partSize(16 * MIB,
                S3DestinationConfiguration.MAX_PART_SIZE * ObjectUploader.MAX_PARTS + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower max-batch-bytes");
    }
}
