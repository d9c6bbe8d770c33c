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
