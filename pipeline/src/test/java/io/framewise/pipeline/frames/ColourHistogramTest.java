package io.framewise.pipeline.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ColourHistogramTest {

    /** A BGR picture whose left half is one colour and right half another. */
    private static Picture halves(int w, int h, int[] leftRgb, int[] rightRgb) {
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] rgb = x < w / 2 ? leftRgb : rightRgb;
                int i = (y * w + x) * 3;
                px[i] = (byte) rgb[2];
                px[i + 1] = (byte) rgb[1];
                px[i + 2] = (byte) rgb[0];
            }
        }
        return new Picture(w, h, 3, px);
    }

    @Test
    void sharesOfTheQuantisedColoursSumToOne() {
        float[] h =
                ColourHistogram.of(
                        halves(640, 360, new int[] {250, 10, 10}, new int[] {0, 0, 200}));
        int red = ColourHistogram.bin(3, 0, 0);
        int blue = ColourHistogram.bin(0, 0, 3);
        assertThat(h).hasSize(64);
        assertThat(h[red]).isCloseTo(0.5f, within(0.02f));
        assertThat(h[blue]).isCloseTo(0.5f, within(0.02f));
        float sum = 0;
        for (float x : h) {
            sum += x;
        }
        assertThat(sum).isCloseTo(1f, within(1e-4f));
    }

    @Test
    void aGreyPictureFillsGreyBinsAndALargePictureIsSampled() {
        byte[] grey = new byte[4000 * 3000];
        java.util.Arrays.fill(grey, (byte) 130);
        float[] h = ColourHistogram.of(new Picture(4000, 3000, 1, grey));
        assertThat(h[ColourHistogram.bin(2, 2, 2)]).isEqualTo(1f);
    }

    @Test
    void binsAreNamedByTheirCentreColour() {
        assertThat(ColourHistogram.hex(ColourHistogram.bin(3, 0, 0))).isEqualTo("#e02020");
        assertThat(ColourHistogram.hex(0)).isEqualTo("#202020");
        assertThat(ColourHistogram.hex(63)).isEqualTo("#e0e0e0");
    }
}
