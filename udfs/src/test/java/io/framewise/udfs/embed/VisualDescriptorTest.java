package io.framewise.udfs.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.frames.Picture;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VisualDescriptorTest {

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }

    static double norm(float[] a) {
        return Math.sqrt(cosine(a, a));
    }

    /** A picture of horizontal stripes of two colours, with optional noise. */
    static Picture stripes(int w, int h, int[] c1, int[] c2, int period, int noise, long seed) {
        return stripes(w, h, c1, c2, period, noise, seed, false);
    }

    static Picture stripes(
            int w, int h, int[] c1, int[] c2, int period, int noise, long seed, boolean vertical) {
        Random r = new Random(seed);
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = ((vertical ? x : y) / period) % 2 == 0 ? c1 : c2;
                for (int k = 0; k < 3; k++) {
                    int v = c[k] + (noise > 0 ? r.nextInt(2 * noise + 1) - noise : 0);
                    px[(y * w + x) * 3 + k] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return new Picture(w, h, 3, px);
    }

    @Test
    void unitLengthAndTheSameForTheSamePicture() {
        Picture p = stripes(320, 180, new int[] {200, 40, 40}, new int[] {20, 20, 20}, 30, 10, 1);
        float[] a = VisualDescriptor.describe(p);
        assertThat(a).hasSize(VisualDescriptor.DIMS);
        assertThat(norm(a)).isCloseTo(1, within(1e-5));
        assertThat(cosine(a, VisualDescriptor.describe(p))).isCloseTo(1, within(1e-6));
    }

    @Test
    void aNoisyCopyIsCloserThanAnotherColourOrAnotherStructure() {
        int[] blue = {200, 40, 40};
        int[] dark = {20, 20, 20};
        Picture p = stripes(320, 180, blue, dark, 30, 0, 1);
        Picture noisy = stripes(320, 180, blue, dark, 30, 12, 2);
        Picture orange =
                stripes(320, 180, new int[] {20, 120, 240}, new int[] {230, 230, 230}, 30, 0, 3);
        Picture upright = stripes(320, 180, blue, dark, 30, 0, 4, true);
        float[] d = VisualDescriptor.describe(p);
        double copy = cosine(d, VisualDescriptor.describe(noisy));
        assertThat(copy).isGreaterThan(0.85);
        // Same stripes in other colours: only the structure agrees (half of the cosine).
        assertThat(cosine(d, VisualDescriptor.describe(orange))).isLessThan(copy - 0.2);
        // Same colours, stripes turned upright: only the colour part agrees.
        assertThat(cosine(d, VisualDescriptor.describe(upright))).isLessThan(copy - 0.2);
    }

    @Test
    void flatAndTinyPicturesGiveFiniteUnitVectors() {
        byte[] grey = new byte[16 * 9];
        java.util.Arrays.fill(grey, (byte) 90);
        for (Picture p :
                new Picture[] {new Picture(16, 9, 1, grey), new Picture(3, 2, 3, new byte[18])}) {
            float[] v = VisualDescriptor.describe(p);
            for (float x : v) {
                assertThat(Float.isFinite(x)).isTrue();
            }
            // Only the colour part is present: still unit length.
            assertThat(norm(v)).isCloseTo(1, within(1e-5));
        }
    }
}
