package io.framewise.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankFusionTest {

    @Test
    void sumsReciprocalRanksAcrossLists() {
        List<RankFusion.Fused> f =
                RankFusion.fuse(List.of(List.of("a", "b", "c"), List.of("c", "a", "d")), 60);
        assertThat(f).extracting(RankFusion.Fused::id).containsExactly("a", "c", "b", "d");
        assertThat(f.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-12));
        assertThat(f.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
        assertThat(f.get(2).score()).isCloseTo(1.0 / 62, within(1e-12));
        assertThat(f.get(3).score()).isCloseTo(1.0 / 63, within(1e-12));
    }

    @Test
    void tiesKeepFirstAppearanceAndDuplicatesCountOnce() {
        List<RankFusion.Fused> f =
                RankFusion.fuse(List.of(List.of("x", "x", "y"), List.of("y", "x")), 1);
        // x: 1/2 + 1/3, y: 1/3 + 1/2: a tie, x seen first.
        assertThat(f).extracting(RankFusion.Fused::id).containsExactly("x", "y");
        assertThat(f.get(0).score()).isEqualTo(f.get(1).score());
    }

    @Test
    void anEmptyListChangesNothing() {
        List<RankFusion.Fused> f = RankFusion.fuse(List.of(List.of("b", "a"), List.of()), 60);
        assertThat(f).extracting(RankFusion.Fused::id).containsExactly("b", "a");
        assertThatThrownBy(() -> RankFusion.fuse(List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
