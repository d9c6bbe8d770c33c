package io.framewise.udfs.enrich;

import io.framewise.pipeline.enrich.FrameToDescribe;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small keyframe JPEGs drawn with Java2D: a plain colour field, with or without text. */
final class TestFrames {

    private TestFrames() {}

    static byte[] jpeg(Color background, String text) {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, 320, 180);
        if (text != null) {
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString(text, 16, 60);
            g.drawString(text, 16, 100);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static FrameToDescribe frame(long frame, Color background) {
        return new FrameToDescribe("video-1", 0, frame, jpeg(background, null), null);
    }
}
