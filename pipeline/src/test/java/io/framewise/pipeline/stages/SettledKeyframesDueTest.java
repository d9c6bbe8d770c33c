package io.framewise.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettledKeyframesDueTest {

    @Test
    void aShortRunIsChosenAgainAtEverySegmentALongOneOnceItGrowsByAnEighth() {
        assertThat(SettledKeyframes.due(0, 0)).isFalse();
        assertThat(SettledKeyframes.due(0, 1)).isTrue();
        assertThat(SettledKeyframes.due(15, 16)).isTrue();
        assertThat(SettledKeyframes.due(16, 17)).isFalse();
        assertThat(SettledKeyframes.due(16, 18)).isTrue();
        assertThat(SettledKeyframes.due(80, 89)).isFalse();
        assertThat(SettledKeyframes.due(80, 90)).isTrue();
        // A run that did not grow, and a video whose segment failed (settled at the top), never.
        assertThat(SettledKeyframes.due(20, 20)).isFalse();
        assertThat(SettledKeyframes.due(Integer.MAX_VALUE, Integer.MAX_VALUE)).isFalse();
    }
}
