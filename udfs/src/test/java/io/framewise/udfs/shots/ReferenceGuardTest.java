package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference lists {@link ReferenceGuard} derives, on x264's pyramid with one reference (as its
 * fast presets write it): I0 P1 B2(ref) b b P3 ..., frame numbers counting reference pictures,
 * display order by pts (one per frame).
 */
class ReferenceGuardTest {

    private static final H264Headers.Sequence SEQUENCE =
            new H264Headers.Sequence(4, 0, 6, false, 4, 1);

    private static H264Headers.Slice idr() {
        return new H264Headers.Slice(3, true, 2, 0, 0, 0, List.of(), false, null, 8);
    }

    private static H264Headers.Slice p(int frameNum, List<int[]> modification) {
        return new H264Headers.Slice(2, false, 0, frameNum, 1, 0, modification, false, null, 8);
    }

    private static H264Headers.Slice b(int nalRefIdc, int frameNum) {
        return new H264Headers.Slice(
                nalRefIdc, false, 1, frameNum, 1, 1, List.of(), false, null, 8);
    }

    /** I at pts 0, P at 4, its middle B at 2 as a stand-in. */
    private static ReferenceGuard withStandIn() {
        ReferenceGuard guard = new ReferenceGuard(SEQUENCE);
        guard.decoded(idr(), 0, false);
        guard.decoded(p(1, List.of()), 4, false);
        guard.decoded(b(2, 2), 2, true);
        return guard;
    }

    @Test
    void aPictureAfterAStandInPredictsFromWhatItsListModificationNames() {
        ReferenceGuard guard = withStandIn();
        assertThat(guard.holdsStandIn()).isTrue();
        // x264's next P names the P before (frame number 3 - 2 = 1), not the newest reference.
        assertThat(guard.predictsFromNoStandIn(p(3, List.of(new int[] {0, 1})), 8)).isTrue();
        // Without the modification its one reference is the newest one: the stand-in.
        assertThat(guard.predictsFromNoStandIn(p(3, List.of()), 8)).isFalse();
        // abs_diff_pic_num_minus1 0 names frame number 2: the stand-in.
        assertThat(guard.predictsFromNoStandIn(p(3, List.of(new int[] {0, 0})), 8)).isFalse();
    }

    @Test
    void bPicturesPredictFromTheReferencesNearestInDisplayOrder() {
        ReferenceGuard guard = withStandIn();
        // Between the I and the stand-in, or between the stand-in and the P: it is a neighbour.
        assertThat(guard.predictsFromNoStandIn(b(0, 3), 1)).isFalse();
        assertThat(guard.predictsFromNoStandIn(b(0, 3), 3)).isFalse();
        guard.decoded(p(3, List.of(new int[] {0, 1})), 8, false);
        // Between the P at 4 and the next at 8: the stand-in is in neither list's first place.
        assertThat(guard.predictsFromNoStandIn(b(2, 4), 6)).isTrue();
    }

    @Test
    void theSlidingWindowLetsTheStandInGo() {
        ReferenceGuard guard = withStandIn();
        int frameNum = 3;
        for (int pts = 8; guard.holdsStandIn(); pts += 4) {
            guard.decoded(p(frameNum++, List.of(new int[] {0, 1})), pts, false);
            assertThat(frameNum).isLessThan(10);
        }
        // Four references fit (the I, the P, the stand-in and the first P after it): the
        // stand-in, third oldest, leaves as the fourth P after it comes (frame number 6).
        assertThat(frameNum).isEqualTo(7);
    }

    @Test
    void anIdrPictureClearsTheReferences() {
        ReferenceGuard guard = withStandIn();
        guard.decoded(idr(), 100, false);
        assertThat(guard.holdsStandIn()).isFalse();
        assertThat(guard.predictsFromNoStandIn(p(1, List.of()), 104)).isTrue();
    }

    @Test
    void moreReferencesOrLongTermMarkingAreNotFollowed() {
        assertThat(ReferenceGuard.followed(p(3, List.of(new int[] {0, 1})))).isTrue();
        assertThat(ReferenceGuard.followed(b(0, 3))).isTrue();
        H264Headers.Slice threeRefs =
                new H264Headers.Slice(2, false, 0, 3, 3, 0, List.of(), false, null, 8);
        assertThat(ReferenceGuard.followed(threeRefs)).isFalse();
        H264Headers.Slice longTerm =
                new H264Headers.Slice(
                        2, false, 0, 3, 1, 0, List.of(), false, List.of(new int[] {3, 0}), 8);
        assertThat(ReferenceGuard.followed(longTerm)).isFalse();
        H264Headers.Slice modifiedB =
                new H264Headers.Slice(
                        2, false, 1, 3, 1, 1, List.of(new int[] {0, 0}), false, null, 8);
        assertThat(ReferenceGuard.followed(modifiedB)).isFalse();
    }

    @Test
    void unmarkingTakesThePictureItNames() {
        ReferenceGuard guard = withStandIn();
        // The next P unmarks frame number 2 (3 - (0 + 1)): the stand-in is gone.
        H264Headers.Slice unmarking =
                new H264Headers.Slice(
                        2,
                        false,
                        0,
                        3,
                        1,
                        0,
                        List.of(new int[] {0, 1}),
                        false,
                        List.of(new int[] {1, 0}),
                        8);
        guard.decoded(unmarking, 8, false);
        assertThat(guard.holdsStandIn()).isFalse();
    }
}
