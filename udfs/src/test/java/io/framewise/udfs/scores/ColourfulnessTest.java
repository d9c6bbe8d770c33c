package io.framewise.udfs.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextBox;
import io.framewise.pipeline.text.TextLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColourfulnessTest {

    private static Picture bgr(int w, int h, int b, int g, int r) {
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            px[3 * i] = (byte) b;
            px[3 * i + 1] = (byte) g;
            px[3 * i + 2] = (byte) r;
        }
        return new Picture(w, h, 3, px);
    }

    @Test
    void greyIsZeroAndASolidColourIsItsMeanTerm() {
        assertThat(Colourfulness.raw(bgr(32, 32, 128, 128, 128))).isZero();
        // Pure red: rg = 255, yb = 127.5, no spread: M = 0.3 * sqrt(255^2 + 127.5^2).
        double red = Colourfulness.raw(bgr(32, 32, 0, 0, 255));
        assertThat(red).isCloseTo(0.3 * Math.hypot(255, 127.5), within(1e-9));
        assertThat(Colourfulness.score(bgr(32, 32, 0, 0, 255))).isCloseTo(red / 150, within(1e-9));
    }

    @Test
    void halfRedHalfBlueIsMoreColourfulThanEither() {
        byte[] px = new byte[64 * 32 * 3];
        for (int i = 0; i < 64 * 32; i++) {
            boolean red = (i % 64) < 32;
            px[3 * i] = (byte) (red ? 0 : 255);
            px[3 * i + 2] = (byte) (red ? 255 : 0);
        }
        double mixed = Colourfulness.raw(new Picture(64, 32, 3, px));
        assertThat(mixed).isGreaterThan(Colourfulness.raw(bgr(32, 32, 0, 0, 255)));
        assertThat(mixed).isGreaterThan(Colourfulness.raw(bgr(32, 32, 255, 0, 0)));
        assertThat(Colourfulness.score(new Picture(64, 32, 3, px))).isEqualTo(1.0);
    }

    @Test
    void textCoverageCountsOverlapsOnceAndClipsToThePicture() {
        RecognizedText t =
                new RecognizedText(
                        List.of(
                                new TextLine("a", 1f, new TextBox(0, 0, 10, 10)),
                                new TextLine("b", 1f, new TextBox(5, 5, 10, 10)),
                                new TextLine("c", 1f, new TextBox(95, 95, 20, 20))),
                        1,
                        1);
        // 100 + 100 - 25 overlap + 25 inside the picture.
        assertThat(TextCoverage.of(t, 100, 100)).isCloseTo(200 / 10000.0, within(1e-12));
        assertThat(TextCoverage.of(null, 100, 100)).isZero();
        assertThat(TextCoverage.of(new RecognizedText(List.of(), 0, 0), 100, 100)).isZero();
    }
}
