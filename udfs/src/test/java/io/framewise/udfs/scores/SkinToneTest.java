package io.framewise.udfs.scores;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.frames.Picture;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.junit.jupiter.api.Test;

class SkinToneTest {

    /** The smallest face looked for at 640x360: 6% of the height. */
    private static final int SMALLEST_FACE = 22;

    @Test
    void aDrawnFaceHasSkinAndASlideHasNone() {
        Picture face = DrawnFaces.picture(640, 360, 120, new int[] {320, 180});
        assertThat(SkinTone.hasPatch(face, SMALLEST_FACE, FaceDetector.MIN_SKIN_SHARE)).isTrue();

        BufferedImage slide = new BufferedImage(640, 360, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = slide.createGraphics();
        g.setColor(new Color(0xFDFDF6));
        g.fillRect(0, 0, 640, 360);
        g.setColor(new Color(0x1A1A1A));
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 24));
        g.drawString("Where the time goes", 40, 80);
        g.setColor(new Color(0x2050A0));
        g.fillRect(40, 120, 300, 60);
        g.dispose();
        byte[] pixels = ((DataBufferByte) slide.getRaster().getDataBuffer()).getData();
        Picture picture = new Picture(640, 360, 3, pixels);
        assertThat(SkinTone.hasPatch(picture, SkinTone.STEP, 1.0)).isFalse(); // no skin pixel
        // So the face cascade is not run on it, and finds nothing either way.
        assertThat(SkinTone.hasPatch(picture, SMALLEST_FACE, FaceDetector.MIN_SKIN_SHARE))
                .isFalse();
    }

    @Test
    void aSprinkleOfSkinColoursIsNoPatch() {
        // Confetti: 3 px dots in a skin colour every 10 px over black, 9% of the pixels.
        BufferedImage confetti = new BufferedImage(640, 360, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = confetti.createGraphics();
        g.setColor(new Color(0xE0A080));
        for (int y = 3; y < 360; y += 10) {
            for (int x = (y / 10 % 2) * 5; x < 640; x += 10) {
                g.fillRect(x, y, 3, 3);
            }
        }
        g.dispose();
        byte[] pixels = ((DataBufferByte) confetti.getRaster().getDataBuffer()).getData();
        Picture picture = new Picture(640, 360, 3, pixels);
        assertThat(SkinTone.hasPatch(picture, SkinTone.STEP, 1.0)).isTrue(); // skin pixels, yes
        assertThat(SkinTone.hasPatch(picture, SMALLEST_FACE, FaceDetector.MIN_SKIN_SHARE))
                .isFalse();
        // The same colour as one patch is one.
        g = confetti.createGraphics();
        g.setColor(new Color(0xE0A080));
        g.fillRect(300, 200, SMALLEST_FACE, SMALLEST_FACE);
        g.dispose();
        assertThat(SkinTone.hasPatch(picture, SMALLEST_FACE, FaceDetector.MIN_SKIN_SHARE)).isTrue();
    }

    @Test
    void greyPicturesHaveNoPatch() {
        byte[] grey = new byte[64 * 36];
        java.util.Arrays.fill(grey, (byte) 128);
        assertThat(SkinTone.hasPatch(new Picture(64, 36, 1, grey), 4, 0.5)).isFalse();
    }
}
