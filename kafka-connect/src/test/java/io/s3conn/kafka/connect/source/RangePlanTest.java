package io.s3conn.kafka.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.OffsetUtils;
import org.junit.jupiter.api.Test;

import io.s3conn.source.range.KeyRange;

class RangePlanTest {

    private static final long FIRST = RangePlan.FIRST;

    @Test
    void cutsMakeConsecutiveRangesOverEveryKey() {
        assertThat(new RangePlan(FIRST, List.of("f", "p")).ranges()).containsExactly(
                new KeyRange(Optional.empty(), Optional.of("f")),
                new KeyRange(Optional.of("f"), Optional.of("p")),
                new KeyRange(Optional.of("p"), Optional.empty()));
    }

    @Test
    void aPlanWithoutCutsIsOneRangeOfEveryKey() {
        assertThat(new RangePlan(FIRST, List.of()).ranges()).containsExactly(KeyRange.ALL);
    }

    @Test
    void thePlanOfPlannedRangesGivesTheSameRangesBack() {
        List<KeyRange> ranges = new RangePlan(FIRST, List.of("a/1", "b/2")).ranges();

        assertThat(RangePlan.of(ranges, FIRST).ranges()).isEqualTo(ranges);
    }

    @Test
    void rangesWithAGapAreNoPlan() {
        List<KeyRange> gap = List.of(new KeyRange(Optional.empty(), Optional.of("a")), new KeyRange(Optional.of("b"), Optional.empty()));

        assertThatThrownBy(() -> RangePlan.of(gap, FIRST)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Offsets hold primitive values only, and go through the worker's schemaless JSON converter. */
    @Test
    void aPlanSurvivesTheOffsetStoreRoundTrip() {
        RangePlan plan = new RangePlan(FIRST, List.of("z 1", "ü/ß\"\","));
        Map<String, Object> offset = new HashMap<>();
        offset.put("position", "p");
        plan.addTo(offset);
        OffsetUtils.validateFormat(offset);

        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
            Object back = converter.toConnectData("offsets", converter.fromConnectData("offsets", null, offset)).value();

            @SuppressWarnings("unchecked")
            Map<String, Object> stored = (Map<String, Object>) back;
            assertThat(RangePlan.from(stored)).contains(plan);
        }
    }

    @Test
    void anOffsetWrittenBeforePlansWereNumberedCarriesItsPlanNumberedByItsStamp() {
        Map<String, Object> offset = Map.of("position", "p", RangePlan.PLANNED_AT, 1_700_000_000_123L, RangePlan.CUTS, "[\"k\"]");

        assertThat(RangePlan.from(offset)).contains(new RangePlan(1_700_000_000_123L, List.of("k")));
    }

    @Test
    void anOffsetWithoutAPlanCarriesNone() {
        assertThat(RangePlan.from(Map.of("position", "p"))).isEmpty();
    }
}
