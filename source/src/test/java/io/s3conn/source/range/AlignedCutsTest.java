package io.s3conn.source.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class AlignedCutsTest {

    private static List<String> numbered(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> String.format("k%05d", i)).toList();
    }

    private static List<Optional<String>> ends(List<KeyRange> parts) {
        return parts.stream().map(KeyRange::upTo).toList();
    }

    @Test
    void partsEndWithTheLastKeyOfWholePages() {
        AlignedCuts cuts = new AlignedCuts(10, 8);
        cuts.add(numbered(0, 7), key -> key);
        cuts.add(numbered(7, 25), key -> key); // pages of any size: the cuts count keys
        cuts.add(numbered(25, 34), key -> key);

        assertThat(ends(cuts.parts(KeyRange.ALL)))
                .containsExactly(Optional.of("k00009"), Optional.of("k00019"), Optional.of("k00029"), Optional.empty());
    }

    @Test
    void noPartIsLeftAfterTheLastKey() {
        AlignedCuts cuts = new AlignedCuts(10, 8);
        cuts.add(numbered(0, 20), key -> key);

        assertThat(ends(cuts.parts(KeyRange.ALL))).containsExactly(Optional.of("k00009"), Optional.empty());
    }

    @Test
    void aPlanHasAtMostTheAllowedPartsEachAWholeNumberOfPages() {
        AlignedCuts cuts = new AlignedCuts(10, 4);
        cuts.add(numbered(0, 1_005), key -> key);

        List<KeyRange> parts = cuts.parts(KeyRange.ALL);

        assertThat(parts).hasSizeLessThanOrEqualTo(4);
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(part ->
                assertThat((Integer.parseInt(part.upTo().orElseThrow().substring(1)) + 1) % 10).isZero());
    }

    @Test
    void thePartsTileTheRangeTheyWereLearntFor() {
        KeyRange range = new KeyRange(Optional.of("a"), Optional.of("z"));
        AlignedCuts cuts = new AlignedCuts(10, 4);
        cuts.add(numbered(0, 35), key -> key);

        List<KeyRange> parts = cuts.parts(range);

        assertThat(parts.getFirst().after()).isEqualTo(range.after());
        assertThat(parts.getLast().upTo()).isEqualTo(range.upTo());
        for (int i = 1; i < parts.size(); i++) {
            assertThat(parts.get(i).after()).isEqualTo(parts.get(i - 1).upTo());
        }
    }

    @Test
    void aWalkOfLessThanAPageKeepsTheRangeWhole() {
        AlignedCuts cuts = new AlignedCuts(10, 4);
        cuts.add(numbered(0, 9), key -> key);

        assertThat(cuts.parts(KeyRange.ALL)).containsExactly(KeyRange.ALL);
    }

    @Test
    void keysKnownAtWholePagePositionsTeachTheCutsTheirWalkWould() {
        List<String> keys = numbered(0, 1234);
        AlignedCuts walked = new AlignedCuts(10, 8);
        walked.add(keys, key -> key);
        AlignedCuts known = new AlignedCuts(10, 8);

        for (int position = 10; position <= keys.size(); position += 10) {
            known.addAt(position, keys.get(position - 1));
        }
        known.addAt(keys.size(), keys.getLast());

        assertThat(known.parts(KeyRange.ALL)).isEqualTo(walked.parts(KeyRange.ALL));
    }
}
