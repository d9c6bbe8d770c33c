package io.framewise.udfs.scores;

import io.framewise.pipeline.frames.Picture;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Cartoon faces drawn with Java2D (hair, skin, brows, eyes, nose, mouth), for the face tests. */
final class DrawnFaces {

    private DrawnFaces() {}

    /**
     * A BGR picture of {@code w x h} on a slate background with one face per centre, each {@code
     * faceHeight} pixels high.
     */
    static Picture picture(int w, int h, int faceHeight, int[]... centres) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(60, 70, 90));
        g.fillRect(0, 0, w, h);
        for (int[] c : centres) {
            face(g, c[0], c[1], faceHeight);
        }
        g.dispose();
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        return new Picture(w, h, 3, px.clone());
    }

    private static void face(Graphics2D g, double cx, double cy, double fh) {
        double fw = fh * 0.75;
        g.setColor(new Color(40, 25, 15));
        g.fill(new Ellipse2D.Double(cx - fw * 0.55, cy - fh * 0.58, fw * 1.1, fh * 0.6));
        g.setColor(new Color(225, 180, 150));
        g.fill(new Ellipse2D.Double(cx - fw / 2, cy - fh * 0.45, fw, fh));
        g.setColor(new Color(50, 30, 20));
        g.setStroke(new BasicStroke((float) (fh * 0.035)));
        g.draw(new Line2D.Double(cx - fw * 0.33, cy - fh * 0.13, cx - fw * 0.1, cy - fh * 0.15));
        g.draw(new Line2D.Double(cx + fw * 0.1, cy - fh * 0.15, cx + fw * 0.33, cy - fh * 0.13));
        g.setColor(new Color(245, 245, 245));
        g.fill(new Ellipse2D.Double(cx - fw * 0.32, cy - fh * 0.08, fw * 0.2, fh * 0.07));
        g.fill(new Ellipse2D.Double(cx + fw * 0.12, cy - fh * 0.08, fw * 0.2, fh * 0.07));
        g.setColor(new Color(30, 20, 15));
        g.fill(new Ellipse2D.Double(cx - fw * 0.25, cy - fh * 0.08, fw * 0.07, fh * 0.07));
        g.fill(new Ellipse2D.Double(cx + fw * 0.18, cy - fh * 0.08, fw * 0.07, fh * 0.07));
        g.setColor(new Color(150, 110, 90, 90));
        g.fill(new Ellipse2D.Double(cx - fw * 0.36, cy - fh * 0.12, fw * 0.28, fh * 0.14));
        g.fill(new Ellipse2D.Double(cx + fw * 0.08, cy - fh * 0.12, fw * 0.28, fh * 0.14));
        g.setColor(new Color(180, 130, 105));
        g.fill(new Ellipse2D.Double(cx - fw * 0.07, cy + fh * 0.08, fw * 0.14, fh * 0.07));
        g.setColor(new Color(140, 50, 50));
        g.fill(new Ellipse2D.Double(cx - fw * 0.17, cy + fh * 0.22, fw * 0.34, fh * 0.06));
    }
}
