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

    @Test
    void aDrawnFaceHasSkinAndASlideHasNone() {
        Picture face = DrawnFaces.picture(640, 360, 120, new int[] {320, 180});
        assertThat(SkinTone.share(face)).isGreaterThan(0.03);

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
        assertThat(SkinTone.share(picture)).isZero();
        // So the face cascade is not run on it, and finds nothing either way.
        assertThat(SkinTone.share(picture)).isLessThan(FaceDetector.MIN_SKIN_SHARE * 0.06 * 0.06);
    }

    @Test
    void greyPicturesHaveNoSkin() {
        byte[] grey = new byte[64 * 36];
        java.util.Arrays.fill(grey, (byte) 128);
        assertThat(SkinTone.share(new Picture(64, 36, 1, grey))).isZero();
    }
}
