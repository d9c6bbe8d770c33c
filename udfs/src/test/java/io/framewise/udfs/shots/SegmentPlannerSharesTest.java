package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.udfs.shots.SegmentPlanner.Shares;
import org.junit.jupiter.api.Test;

class SegmentPlannerSharesTest {

    @Test
    void equalSharesEndAtEachWholeShare() {
        Shares s = Shares.equal(3);
        assertThat(s.ends()).containsExactly(1, 2, 3);
        assertThat(s.whole()).isEqualTo(3);
        assertThat(Shares.equal(0).ends()).containsExactly(1);
    }

    @Test
    void theLastSharesAreHalvedThenQuarteredForTheThreads() {
        Shares s = Shares.taperedFor(10, 2);
        // Eight whole shares, two halves, four quarters, in quarters of a share.
        assertThat(s.ends()).containsExactly(4, 8, 12, 16, 20, 24, 28, 32, 34, 36, 37, 38, 39, 40);
        assertThat(s.whole()).isEqualTo(40);
        assertThat(s.count()).isEqualTo(14);
    }

    @Test
    void fewSharesOrOneThreadStayEqual() {
        assertThat(Shares.taperedFor(4, 2).ends()).containsExactly(1, 2, 3, 4);
        assertThat(Shares.taperedFor(10, 1).ends()).hasSize(10);
    }
}
