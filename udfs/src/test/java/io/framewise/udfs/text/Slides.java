package io.framewise.udfs.text;

import io.framewise.pipeline.frames.Picture;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;

/** Slide-like pictures drawn with Java2D, for the text recognition tests. */
final class Slides {

    static final int WIDTH = 1280;
    static final int HEIGHT = 720;

    /** One line of text: what it says, its font size in pixels, bold or not, where it starts. */
    record Line(String text, int size, boolean bold, int x, int y) {}

    private Slides() {}

    static BufferedImage render(Color background, Color foreground, List<Line> lines) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(background);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(foreground);
            for (Line l : lines) {
                g.setFont(new Font(Font.SANS_SERIF, l.bold() ? Font.BOLD : Font.PLAIN, l.size()));
                g.drawString(l.text(), l.x(), l.y());
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Six full-height colour bars (red, green, yellow, blue, magenta, cyan, as a test card has)
     * with {@code caption} in white across the first three, optionally crossed by a long light
     * diagonal stroke.
     */
    static BufferedImage captionOverBars(String caption, boolean diagonal) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            Color[] bars = {
                Color.RED, Color.GREEN, Color.YELLOW, Color.BLUE, Color.MAGENTA, Color.CYAN
            };
            for (int i = 0; i < bars.length; i++) {
                g.setColor(bars[i]);
                g.fillRect(i * WIDTH / bars.length, 0, WIDTH / bars.length + 1, HEIGHT);
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            if (diagonal) {
                g.setColor(new Color(200, 200, 200));
                g.setStroke(new java.awt.BasicStroke(8));
                g.drawLine(0, 300, WIDTH, HEIGHT);
            }
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 32));
            g.drawString(caption, 160, 600);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Smooth diagonal and vertical colour gradients, no edges anywhere. */
    static BufferedImage gradients() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(
                    new GradientPaint(
                            0, 0, new Color(10, 20, 90), WIDTH, HEIGHT, new Color(230, 200, 40)));
            g.fillRect(0, 0, WIDTH, HEIGHT / 2);
            g.setPaint(
                    new GradientPaint(
                            0, HEIGHT / 2f, Color.WHITE, 0, HEIGHT, new Color(40, 40, 40)));
            g.fillRect(0, HEIGHT / 2, WIDTH, HEIGHT - HEIGHT / 2);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A TYPE_3BYTE_BGR image as a 3-channel picture. */
    static Picture bgr(BufferedImage image) {
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        return new Picture(image.getWidth(), image.getHeight(), 3, pixels.clone());
    }

    /** An image as a 1-channel grey picture (Java2D's own conversion). */
    static Picture grey(BufferedImage image) {
        BufferedImage grey =
                new BufferedImage(
                        image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        return new Picture(image.getWidth(), image.getHeight(), 1, pixels.clone());
    }

    /** Levenshtein distance over the reference's length, both with whitespace collapsed. */
    static double characterErrorRate(String reference, String recognized) {
        String ref = collapse(reference);
        String hyp = collapse(recognized);
        int[] prev = new int[hyp.length() + 1];
        int[] cur = new int[hyp.length() + 1];
        for (int j = 0; j <= hyp.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= ref.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= hyp.length(); j++) {
                int subst = prev[j - 1] + (ref.charAt(i - 1) == hyp.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(subst, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return ref.isEmpty() ? (hyp.isEmpty() ? 0 : 1) : (double) prev[hyp.length()] / ref.length();
    }

    static String collapse(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
