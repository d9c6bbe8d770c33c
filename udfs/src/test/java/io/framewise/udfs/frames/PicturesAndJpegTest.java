package io.framewise.udfs.frames;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.frames.Jpeg;
import io.framewise.pipeline.frames.Picture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PicturesAndJpegTest {

    @Test
    void areaAverageOfTwoByTwoBlocks() {
        Picture p = new Picture(4, 2, 1, new byte[] {0, 100, 10, 10, 100, 0, 30, 50});
        Picture half = Pictures.resizeArea(p, 2, 1);
        assertThat(half.pixels()).containsExactly(50, 25);
    }

    @Test
    void areaAverageWeighsPartlyCoveredPixelsOnAnUnevenRatio() {
        // 7x5 BGR to 3x2: every output pixel spans fractions of source pixels in both directions.
        java.util.Random random = new java.util.Random(7);
        byte[] src = new byte[7 * 5 * 3];
        random.nextBytes(src);
        Picture p = new Picture(7, 5, 3, src);
        Picture small = Pictures.resizeArea(p, 3, 2);
        double fx = 7.0 / 3;
        double fy = 5.0 / 2;
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                for (int k = 0; k < 3; k++) {
                    double sum = 0;
                    for (int sy = 0; sy < 5; sy++) {
                        double wy = overlap(y * fy, (y + 1) * fy, sy);
                        for (int sx = 0; sx < 7; sx++) {
                            double w = wy * overlap(x * fx, (x + 1) * fx, sx);
                            sum += w * (src[(sy * 7 + sx) * 3 + k] & 0xFF);
                        }
                    }
                    int expected = (int) Math.round(sum / (fx * fy));
                    assertThat(small.pixels()[(y * 3 + x) * 3 + k] & 0xFF)
                            .as("pixel %d,%d channel %d", x, y, k)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void wholeBlocksAverageAsTheGeneralPathDoes() {
        // 12x8 BGR to 3x2 takes the whole-block path; the same picture one column wider (13x8)
        // takes the general one. Over the first 12 columns both must give what the definition
        // gives, rounded half up.
        java.util.Random random = new java.util.Random(11);
        byte[] src = new byte[12 * 8 * 3];
        random.nextBytes(src);
        Picture small = Pictures.resizeArea(new Picture(12, 8, 3, src), 3, 2);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                for (int k = 0; k < 3; k++) {
                    int sum = 0;
                    for (int sy = 4 * y; sy < 4 * y + 4; sy++) {
                        for (int sx = 4 * x; sx < 4 * x + 4; sx++) {
                            sum += src[(sy * 12 + sx) * 3 + k] & 0xFF;
                        }
                    }
                    assertThat(small.pixels()[(y * 3 + x) * 3 + k] & 0xFF)
                            .isEqualTo((int) Math.round(sum / 16.0));
                }
            }
        }
        // A block whose mean is exactly half-way rounds up: (1 + 2) / 2 = 1.5 -> 2.
        Picture halves = Pictures.resizeArea(new Picture(2, 1, 1, new byte[] {1, 2}), 1, 1);
        assertThat(halves.pixels()).containsExactly(2);
    }

    /** How much of source pixel {@code s} (covering s..s+1) lies within {@code from..to}. */
    private static double overlap(double from, double to, int s) {
        return Math.max(0, Math.min(to, s + 1) - Math.max(from, s));
    }

    @Test
    void fitWidthKeepsAspectAndNeverEnlarges() {
        Picture p = SyntheticPictures.scene(640, 360, 1);
        Picture fit = Pictures.fitWidth(p, 200);
        assertThat(fit.width()).isEqualTo(200);
        assertThat(fit.height()).isEqualTo(113);
        assertThat(Pictures.fitWidth(p, 1000)).isSameAs(p);
    }

    @Test
    void rotatesClockwise() {
        // 2x1: [a b] turned 90 degrees clockwise is a column [a; b].
        Picture p = new Picture(2, 1, 1, new byte[] {1, 2});
        assertThat(Pictures.rotate(p, 90).pixels()).containsExactly(1, 2);
        assertThat(Pictures.rotate(p, 90).width()).isEqualTo(1);
        assertThat(Pictures.rotate(p, 270).pixels()).containsExactly(2, 1);
        assertThat(Pictures.rotate(p, 180).pixels()).containsExactly(2, 1);
    }

    @Test
    void greyUsesBt601Weights() {
        Picture red = new Picture(1, 1, 3, new byte[] {0, 0, (byte) 255});
        assertThat(Pictures.grey(red).pixels()[0] & 0xFF).isEqualTo(77);
    }

    @Test
    void jpegRoundTripKeepsColoursAndQualityMatters() throws Exception {
        Picture p = SyntheticPictures.scene(160, 90, 7);
        byte[] high = Jpeg.jpeg(p, 95);
        byte[] low = Jpeg.jpeg(p, 20);
        assertThat(low.length).isLessThan(high.length);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(high));
        assertThat(back.getWidth()).isEqualTo(160);
        assertThat(back.getHeight()).isEqualTo(90);
        int rgb = back.getRGB(80, 45);
        int i = (45 * 160 + 80) * 3;
        assertThat(Math.abs(((rgb >> 16) & 0xFF) - (p.pixels()[i + 2] & 0xFF))).isLessThan(12);
        assertThat(Math.abs((rgb & 0xFF) - (p.pixels()[i] & 0xFF))).isLessThan(12);
        assertThat(
                        ImageIO.read(
                                        new ByteArrayInputStream(
                                                Jpeg.jpeg(SyntheticPictures.flat(8, 8, 9), 85)))
                                .getWidth())
                .isEqualTo(8);
    }
}
