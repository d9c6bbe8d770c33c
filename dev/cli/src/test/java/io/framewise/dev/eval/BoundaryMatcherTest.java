package io.framewise.dev.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundaryMatcherTest {

    private final BoundaryMatcher matcher = new BoundaryMatcher(1);

    @Test
    void matchesWithinOneFrameOneToOne() {
        Labels labels = new Labels(List.of(100, 200), List.of(), List.of());
        // 101 matches 100; 99 would too but 100 is taken; 203 is too far.
        Score s = matcher.score(labels, List.of(101L, 99L, 203L));
        assertThat(s).isEqualTo(new Score(1, 2, 1));
        assertThat(s.precision()).isEqualTo(1.0 / 3);
        assertThat(s.recall()).isEqualTo(0.5);
    }

    @Test
    void greedyNearestPrefersTheCloserPair() {
        Labels labels = new Labels(List.of(10, 12), List.of(), List.of());
        assertThat(matcher.score(labels, List.of(11L, 12L))).isEqualTo(new Score(2, 0, 0));
    }

    @Test
    void oneReportInsideAGradualTransitionMatchesIt() {
        Labels labels = new Labels(List.of(), List.of(new int[] {50, 70}), List.of());
        assertThat(matcher.score(labels, List.of(60L, 65L))).isEqualTo(new Score(1, 1, 0));
        assertThat(matcher.score(labels, List.of(80L))).isEqualTo(new Score(0, 1, 1));
    }

    @Test
    void aCutAtANoCutFrameIsAFalsePositive() {
        Labels labels = new Labels(List.of(120), List.of(), List.of(45, 47));
        assertThat(matcher.score(labels, List.of(45L, 120L))).isEqualTo(new Score(1, 1, 0));
    }

    @Test
    void hardCutScoreIgnoresCutsInsideGradualTransitions() {
        Labels labels = new Labels(List.of(10), List.of(new int[] {50, 70}), List.of());
        assertThat(matcher.scoreCuts(labels, List.of(10L, 60L))).isEqualTo(new Score(1, 0, 0));
        assertThat(new Score(0, 0, 0).f1()).isEqualTo(1.0);
    }
}
