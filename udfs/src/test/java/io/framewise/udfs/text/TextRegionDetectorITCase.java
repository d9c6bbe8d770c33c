package io.framewise.udfs.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.text.OcrConfig;
import io.framewise.pipeline.text.TextBox;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenCV text gate alone, on pictures drawn with Java2D. */
class TextRegionDetectorITCase {

    private static TextRegionDetector gate;

    @BeforeAll
    static void open() {
        gate = new TextRegionDetector(OcrConfig.defaults());
    }

    @AfterAll
    static void close() {
        gate.close();
    }

    @Test
    void findsOneRegionPerLineOfText() {
        List<Slides.Line> lines =
                List.of(
                        new Slides.Line("A title in bold", 64, true, 100, 150),
                        new Slides.Line("and a line of smaller words", 32, false, 100, 300));
        List<TextBox> boxes =
                gate.detect(Slides.bgr(Slides.render(Color.WHITE, Color.BLACK, lines)));

        assertThat(boxes).hasSize(2);
        assertThat(boxes.get(0).y()).isLessThan(boxes.get(1).y());
        for (int i = 0; i < 2; i++) {
            Slides.Line l = lines.get(i);
            TextBox b = boxes.get(i);
            assertThat(b.x()).isBetween(l.x() - 10, l.x() + 10);
            assertThat(b.y()).isBetween(l.y() - l.size(), l.y());
            assertThat(b.y() + b.height()).isBetween(l.y(), l.y() + l.size() / 2);
        }
    }

    @Test
    void blankNoiseAndGradientsGiveNoRegions() {
        assertThat(gate.detect(Slides.bgr(Slides.render(Color.GRAY, Color.GRAY, List.of()))))
                .isEmpty();
        assertThat(gate.detect(Slides.bgr(Slides.gradients()))).isEmpty();
        assertThat(gate.detect(Slides.grey(Slides.gradients()))).isEmpty();

        byte[] noise = new byte[Slides.WIDTH * Slides.HEIGHT];
        Random random = new Random(7);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (120 + random.nextInt(9));
        }
        assertThat(gate.detect(new Picture(Slides.WIDTH, Slides.HEIGHT, 1, noise))).isEmpty();
    }

    @Test
    void shapesWithoutTextAreRejected() {
        BufferedImage image = Slides.render(Color.WHITE, Color.BLACK, List.of());
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 60, 160));
        g.fillRect(100, 100, 400, 300); // a solid panel
        g.setStroke(new BasicStroke(3));
        g.setColor(Color.BLACK);
        g.drawRect(700, 100, 400, 300); // an empty frame
        g.drawLine(100, 500, 1100, 700); // a long diagonal
        g.dispose();

        assertThat(gate.detect(Slides.bgr(image))).isEmpty();
    }

    @Test
    void denseTextureCoveringThePictureIsNotText() {
        BufferedImage image = Slides.render(Color.BLACK, Color.BLACK, List.of());
        Graphics2D g = image.createGraphics();
        Random random = new Random(11);
        for (int i = 0; i < 20000; i++) {
            g.setColor(random.nextBoolean() ? new Color(40, 200, 40) : new Color(200, 50, 30));
            g.fillOval(
                    random.nextInt(Slides.WIDTH),
                    random.nextInt(Slides.HEIGHT),
                    4 + random.nextInt(12),
                    4 + random.nextInt(12));
        }
        g.dispose();

        assertThat(gate.detect(Slides.bgr(image))).isEmpty();
    }

    @Test
    void aCaptionJoinedToLongStrokesIsStillALine() {
        // The bars' edges and a diagonal run through the caption's line: the closing joins them
        // into one shape taller than a line can be, whose caption rows are found as a band.
        List<TextBox> boxes =
                gate.detect(Slides.bgr(Slides.captionOverBars("first, the shots", true)));

        TextBox caption =
                boxes.stream()
                        .filter(b -> b.y() <= 600 && b.y() + b.height() >= 600)
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError("no region on the caption: " + boxes));
        assertThat(caption.x()).isBetween(140, 165);
        assertThat(caption.y()).isBetween(560, 580);
        assertThat(caption.height()).isLessThan(3 * 32);
        assertThat(caption.x() + caption.width()).isBetween(380, 480);
    }

    @Test
    void textInACornerGivesBoxesInThatCorner() {
        List<TextBox> boxes =
                gate.detect(
                        Slides.bgr(
                                Slides.render(
                                        new Color(20, 30, 110),
                                        Color.WHITE,
                                        List.of(new Slides.Line("LIVE 21:05", 32, true, 20, 50)))));

        assertThat(boxes).hasSize(1);
        TextBox b = boxes.get(0);
        assertThat(b.x()).isLessThan(30);
        assertThat(b.y()).isLessThan(30);
        assertThat(b.x() + b.width()).isLessThan(260);
        assertThat(b.y() + b.height()).isLessThan(70);
    }
}
