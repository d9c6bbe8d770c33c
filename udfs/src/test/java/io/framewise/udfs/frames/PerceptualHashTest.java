package io.framewise.udfs.frames;

import static io.framewise.udfs.frames.SyntheticPictures.brighter;
import static io.framewise.udfs.frames.SyntheticPictures.scene;
import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.frames.Jpeg;
import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.frames.Picture;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PerceptualHashTest {

    @Test
    void identicalPicturesHashEqual() {
        assertThat(PerceptualHash.of(scene(320, 180, 1)))
                .isEqualTo(PerceptualHash.of(scene(320, 180, 1)));
    }

    @Test
    void brightenedCopyIsWithinAFewBits() {
        Picture p = scene(320, 180, 2);
        assertThat(
                        PerceptualHash.distance(
                                PerceptualHash.of(p), PerceptualHash.of(brighter(p, 12))))
                .isLessThanOrEqualTo(3);
    }

    @Test
    /** Within the default near-duplicate distance: a re-encoded copy is a duplicate. */
    void jpegCopyIsWithinAFewBits() throws Exception {
        Picture p = scene(320, 180, 3);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Jpeg.jpeg(p, 50)));
        BufferedImage bgr = new BufferedImage(320, 180, BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(decoded, 0, 0, null);
        byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        Picture noisy = new Picture(320, 180, 3, pixels);
        assertThat(PerceptualHash.distance(PerceptualHash.of(p), PerceptualHash.of(noisy)))
                .isLessThanOrEqualTo(KeyframeConfig.defaults().duplicateDistance());
    }

    @Test
    void downscaledCopyIsWithinAFewBits() {
        Picture p = scene(640, 360, 4);
        assertThat(
                        PerceptualHash.distance(
                                PerceptualHash.of(p),
                                PerceptualHash.of(Pictures.resizeArea(p, 160, 90))))
                .isLessThanOrEqualTo(3);
    }

    @Test
    void differentPicturesAreFarApart() {
        long[] hashes = new long[8];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = PerceptualHash.of(scene(320, 180, 100 + i));
        }
        for (int i = 0; i < hashes.length; i++) {
            for (int j = i + 1; j < hashes.length; j++) {
                assertThat(PerceptualHash.distance(hashes[i], hashes[j])).isGreaterThan(12);
            }
        }
    }

    @Test
    void halfTheBitsAreSet() {
        // Comparing to the median sets 32 of 64 bits, unless coefficients tie at the median.
        assertThat(Long.bitCount(PerceptualHash.of(scene(320, 180, 5)))).isEqualTo(32);
    }
}
