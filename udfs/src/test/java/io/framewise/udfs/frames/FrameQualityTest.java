package io.framewise.udfs.frames;

import static io.framewise.udfs.frames.SyntheticPictures.blurred;
import static io.framewise.udfs.frames.SyntheticPictures.checker;
import static io.framewise.udfs.frames.SyntheticPictures.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.frames.Picture;
import org.junit.jupiter.api.Test;

class FrameQualityTest {

    @Test
    void flatPictureHasNoSharpnessNorContrast() {
        KeyframeQuality q = FrameQuality.of(flat(64, 48, 100));
        assertThat(q.sharpness()).isZero();
        assertThat(q.contrast()).isZero();
        assertThat(q.brightness()).isEqualTo(100.0);
        assertThat(q.score()).isZero();
    }

    @Test
    void checkerboardFigures() {
        // 2-pixel cells of 50 and 150: mean 100, standard deviation 50.
        KeyframeQuality q = FrameQuality.of(checker(64, 64, 2, 50, 150));
        assertThat(q.brightness()).isCloseTo(100, within(1e-9));
        assertThat(q.contrast()).isCloseTo(50, within(1e-9));
        // A pixel at a cell corner has 2 unlike neighbours (+-200), elsewhere... just positive.
        assertThat(q.sharpness()).isGreaterThan(1000);
        double expected = 0.6 * q.sharpness() / (q.sharpness() + 100) + 0.4 * 50 / 64.0;
        assertThat(q.score()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void laplacianVarianceOfSinglePeak() {
        // One bright pixel of 10 in a 5x5 zero field: inner Laplacians 40 (centre) and -10 (4x).
        byte[] p = new byte[25];
        p[12] = 10;
        KeyframeQuality q = FrameQuality.measure(new Picture(5, 5, 1, p));
        // 9 inner pixels: values 40, -10 x4, 0 x4; mean 0; variance (1600 + 400) / 9.
        assertThat(q.sharpness()).isCloseTo(2000.0 / 9, within(1e-9));
    }

    @Test
    void blurLowersSharpnessAndScore() {
        Picture sharp = checker(160, 120, 4, 40, 200);
        Picture soft = blurred(sharp);
        KeyframeQuality a = FrameQuality.of(sharp);
        KeyframeQuality b = FrameQuality.of(soft);
        assertThat(b.sharpness()).isLessThan(a.sharpness() / 4);
        assertThat(b.score()).isLessThan(a.score());
    }

    @Test
    void exposurePenalisesDarkAndBright() {
        assertThat(FrameQuality.exposure(128)).isEqualTo(1.0);
        assertThat(FrameQuality.exposure(30)).isEqualTo(1.0);
        assertThat(FrameQuality.exposure(225)).isEqualTo(1.0);
        assertThat(FrameQuality.exposure(15)).isCloseTo(0.5, within(1e-9));
        assertThat(FrameQuality.exposure(240)).isCloseTo(0.5, within(1e-9));
        assertThat(FrameQuality.exposure(255)).isZero();
        Picture normal = checker(64, 64, 4, 80, 160);
        Picture dark = checker(64, 64, 4, 2, 32);
        Picture bright = checker(64, 64, 4, 225, 255);
        assertThat(FrameQuality.of(dark).score()).isLessThan(FrameQuality.of(normal).score());
        assertThat(FrameQuality.of(bright).score()).isLessThan(FrameQuality.of(normal).score());
    }

    @Test
    void nearBlackIsPenalisedBeyondItsExposure() {
        // 96% black with a few bright pixels: mean above 30, yet nearly nothing to see.
        byte[] p = new byte[100 * 100];
        for (int i = 0; i < 400; i++) {
            p[i * 25] = (byte) 255;
        }
        KeyframeQuality q = FrameQuality.of(new Picture(100, 100, 1, p));
        double unpenalised = FrameQuality.score(q.sharpness(), q.brightness(), q.contrast(), false);
        assertThat(q.score()).isCloseTo(0.1 * unpenalised, within(1e-9));
    }

    @Test
    void scoreStaysWithinZeroAndOne() {
        for (Picture p :
                new Picture[] {
                    flat(8, 8, 0),
                    flat(8, 8, 255),
                    checker(64, 64, 1, 0, 255),
                    SyntheticPictures.scene(100, 60, 3)
                }) {
            assertThat(FrameQuality.of(p).score()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void measuresAtMostThreeHundredTwentyWide() {
        // The same pattern at twice the size, reduced to 320 wide, gives the 320-wide figures.
        Picture big = checker(640, 360, 8, 30, 220);
        Picture small = checker(320, 180, 4, 30, 220);
        assertThat(FrameQuality.of(big)).isEqualTo(FrameQuality.of(small));
    }
}
