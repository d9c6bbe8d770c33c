package io.framewise.udfs.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.frames.Picture;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipPreprocessingTest {

    @Test
    void centredSquareRgbStandardisedNchw() {
        // 4x2 BGR: the centred 2x2 square is columns 1-2; pixel (1,0) is pure red (B=0,G=0,R=255).
        byte[] px = new byte[4 * 2 * 3];
        px[(0 * 4 + 1) * 3 + 2] = (byte) 255;
        px[(1 * 4 + 2) * 3] = (byte) 255; // (2,1) pure blue
        Picture p = new Picture(4, 2, 3, px);
        float[] x = ClipPreprocessing.prepare(p, 2, List.of(0.5, 0.0, 0.0), List.of(0.5, 1.0, 1.0));
        assertThat(x).hasSize(12);
        // R plane first: red at (0,0) of the square, (1 - 0.5) / 0.5 = 1; elsewhere -1.
        assertThat(x[0]).isCloseTo(1f, within(1e-6f));
        assertThat(x[1]).isCloseTo(-1f, within(1e-6f));
        // B plane last: blue at (1,1) of the square.
        assertThat(x[8 + 3]).isCloseTo(1f, within(1e-6f));
        assertThat(x[8]).isCloseTo(0f, within(1e-6f));
    }

    @Test
    void enlargesBilinearlyAndReducesByAreaAverage() {
        Picture two = new Picture(2, 2, 1, new byte[] {0, (byte) 200, 0, (byte) 200});
        Picture four = ClipPreprocessing.resize(two, 4);
        assertThat(four.pixels()[0] & 0xFF).isZero();
        assertThat(four.pixels()[3] & 0xFF).isEqualTo(200);
        assertThat(four.pixels()[1] & 0xFF).isEqualTo(50);
        Picture one = ClipPreprocessing.resize(two, 1);
        assertThat(one.pixels()[0] & 0xFF).isEqualTo(100);
    }
}
