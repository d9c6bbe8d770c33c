package io.framewise.pipeline.shots;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.shots.SegmentPlan.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentPlanTest {

    private static final List<Segment> THREE =
            List.of(
                    new Segment(0, Long.MIN_VALUE, Long.MIN_VALUE, 1000),
                    new Segment(1, 1000, 1000, 1500),
                    new Segment(2, 1500, 1500, Long.MAX_VALUE));

    @Test
    void spansCountOpenStartsFromZeroAndOpenEndsToTheAnnouncedDuration() {
        // 12 s at a time base of 1/250: the container announces 3,000 ticks.
        SegmentPlan p = SegmentPlans.of(12_000, THREE);
        assertThat(p.span(0)).isEqualTo(1000);
        assertThat(p.span(1)).isEqualTo(500);
        assertThat(p.span(2)).isEqualTo(1500);
    }

    @Test
    void aLastSegmentOfUnknownLengthCountsAsTheLongest() {
        assertThat(SegmentPlans.of(-1, THREE).span(2)).isEqualTo(Long.MAX_VALUE);
    }
}
