package io.framewise.udfs.scores;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.udfs.scores.FaceRegions.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceRegionsTest {

    private static boolean[][] cells(int rows, int cols, int[]... rects) {
        boolean[][] covered = new boolean[rows][cols];
        for (int[] r : rects) {
            for (int y = r[1]; y < r[1] + r[3]; y++) {
                for (int x = r[0]; x < r[0] + r[2]; x++) {
                    covered[y][x] = true;
                }
            }
        }
        return covered;
    }

    @Test
    void eachPatchIsWidenedByHalfItsSizeAndAtLeastTheSmallestFace() {
        // 640x360 sampled every 4 px: 160x90 cells. A 40x40 px patch at (100, 100) px and a
        // 160x120 px one at (400, 160) px.
        boolean[][] covered =
                cells(90, 160, new int[] {25, 25, 10, 10}, new int[] {100, 40, 40, 30});
        List<Box> boxes = FaceRegions.around(covered, 4, 640, 360, 22);
        assertThat(boxes)
                .containsExactlyInAnyOrder(
                        // margin max(22, 40 / 2) = 22
                        new Box(78, 78, 84, 84),
                        // margin 160 / 2 = 80, clipped at the picture's edges
                        new Box(320, 80, 320, 280));
    }

    @Test
    void boxesThatMeetAreJoined() {
        boolean[][] covered = cells(90, 160, new int[] {20, 20, 6, 6}, new int[] {36, 20, 6, 6});
        List<Box> boxes = FaceRegions.around(covered, 4, 640, 360, 22);
        // 24 px patches at x 80 and 144 px, each widened by 22 (58-126, 122-190): they meet.
        assertThat(boxes).containsExactly(new Box(58, 58, 132, 68));
    }

    @Test
    void patchesOverHalfThePictureScanItWhole() {
        boolean[][] covered = cells(90, 160, new int[] {10, 10, 100, 50});
        assertThat(FaceRegions.around(covered, 4, 640, 360, 22))
                .containsExactly(new Box(0, 0, 640, 360));
    }
}
