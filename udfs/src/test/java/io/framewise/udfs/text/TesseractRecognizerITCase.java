package io.framewise.udfs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.text.OcrConfig;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextBox;
import io.framewise.pipeline.text.TextLine;
import io.framewise.pipeline.text.TextRecognizer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real Tesseract and OpenCV on slide-like pictures drawn with Java2D. */
class TesseractRecognizerITCase {

    private static final Color DARK_BLUE = new Color(20, 30, 110);

    private static TextRecognizer recognizer;

    @BeforeAll
    static void open() {
        recognizer = TesseractRecognizer.factory(OcrConfig.defaults()).create();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    private static final List<Slides.Line> TITLE_SLIDE =
            List.of(
                    new Slides.Line("Stream Processing with Flink", 64, true, 80, 140),
                    new Slides.Line("Event time, watermarks and windows", 40, false, 100, 260),
                    new Slides.Line(
                            "Exactly-once state: 3 checkpoints per minute", 36, false, 100, 340),
                    new Slides.Line("Contact: team@framewise.io (room 42)", 32, false, 100, 420));

    private static final List<Slides.Line> BULLET_SLIDE =
            List.of(
                    new Slides.Line("Why shots matter", 56, true, 60, 110),
                    new Slides.Line("- Each shot is one camera take", 36, false, 80, 220),
                    new Slides.Line("- Keyframes summarise a shot", 36, false, 80, 290),
                    new Slides.Line("- Threshold 27 by default, F1 = 0.93", 36, false, 80, 360),
                    new Slides.Line("Timecodes: 00:01:23;15 (SMPTE)", 32, false, 80, 460),
                    new Slides.Line("Page 7 of 12", 32, false, 1000, 660));

    private static final List<Slides.Line> MIXED_SIZES =
            List.of(
                    new Slides.Line("Questions?", 64, true, 440, 250),
                    new Slides.Line("mail: video-team@example.org", 40, false, 340, 360),
                    new Slides.Line("Slides and code on the course page", 48, false, 220, 460));

    @Test
    void readsWhiteOnDarkBlue() {
        assertReads(Slides.bgr(Slides.render(DARK_BLUE, Color.WHITE, TITLE_SLIDE)), TITLE_SLIDE);
    }

    @Test
    void readsBlackOnWhite() {
        assertReads(
                Slides.bgr(Slides.render(Color.WHITE, Color.BLACK, BULLET_SLIDE)), BULLET_SLIDE);
    }

    @Test
    void readsMixedSizesOnDarkGrey() {
        assertReads(
                Slides.bgr(Slides.render(new Color(40, 40, 40), Color.YELLOW, MIXED_SIZES)),
                MIXED_SIZES);
    }

    @Test
    void readsAWhiteCaptionAcrossColouredBars() {
        // Across red and green, no threshold on luma parts white glyphs from both bars (Otsu puts
        // the caption with the green): it is read from the picture's darkest channel, where every
        // bar is dark and the caption white.
        String caption = "first, the shots";
        assertReads(
                Slides.bgr(Slides.captionOverBars(caption, false)),
                List.of(new Slides.Line(caption, 32, false, 160, 600)));
        assertReads(
                Slides.bgr(Slides.captionOverBars(caption, true)),
                List.of(new Slides.Line(caption, 32, false, 160, 600)));
    }

    @Test
    void readsAGreyPicture() {
        Picture grey = Slides.grey(Slides.render(DARK_BLUE, Color.WHITE, BULLET_SLIDE));
        assertThat(grey.channels()).isEqualTo(1);
        assertReads(grey, BULLET_SLIDE);
    }

    @Test
    void linesComeTopToBottomWithBoxesOnTheirText() {
        RecognizedText result =
                recognizer.recognize(
                        Slides.bgr(Slides.render(Color.WHITE, Color.BLACK, BULLET_SLIDE)));

        assertThat(result.lines()).hasSize(BULLET_SLIDE.size());
        for (int i = 0; i < BULLET_SLIDE.size(); i++) {
            Slides.Line drawn = BULLET_SLIDE.get(i);
            TextBox box = result.lines().get(i).box();
            // drawString's y is the baseline: the box ends near it and starts a cap height above.
            assertThat(box.x()).isBetween(drawn.x() - 6, drawn.x() + 12);
            assertThat(box.y() + box.height())
                    .isBetween(drawn.y() - 4, drawn.y() + drawn.size() / 3);
            assertThat(box.height()).isBetween(drawn.size() / 2, drawn.size() + 4);
            assertThat(result.lines().get(i).confidence()).isBetween(0.5f, 1f);
        }
    }

    @Test
    void blankPictureSkipsTesseract() {
        for (Color c : List.of(Color.WHITE, Color.BLACK, DARK_BLUE)) {
            RecognizedText result =
                    recognizer.recognize(Slides.bgr(Slides.render(c, c, List.of())));
            assertThat(result.regions()).isZero();
            assertThat(result.skipped()).isTrue();
            assertThat(result.lines()).isEmpty();
        }
    }

    @Test
    void smoothGradientsSkipTesseract() {
        BufferedImage gradients = Slides.gradients();
        for (Picture p : List.of(Slides.bgr(gradients), Slides.grey(gradients))) {
            RecognizedText result = recognizer.recognize(p);
            assertThat(result.regions()).isZero();
            assertThat(result.lines()).isEmpty();
        }
    }

    @Test
    void textInOneCornerGivesBoxesNearThatCorner() {
        List<Slides.Line> corner =
                List.of(
                        new Slides.Line("Live from Berlin", 36, true, 940, 630),
                        new Slides.Line("Day 2, Hall C", 32, false, 940, 680));
        RecognizedText result =
                recognizer.recognize(Slides.bgr(Slides.render(DARK_BLUE, Color.WHITE, corner)));

        assertThat(result.regions()).isPositive();
        assertThat(result.text()).isEqualTo("Live from Berlin\nDay 2, Hall C");
        for (TextLine line : result.lines()) {
            TextBox b = line.box();
            assertThat(b.x()).isGreaterThanOrEqualTo(920);
            assertThat(b.y()).isGreaterThanOrEqualTo(580);
            assertThat(b.x() + b.width()).isLessThanOrEqualTo(Slides.WIDTH);
            assertThat(b.y() + b.height()).isLessThanOrEqualTo(Slides.HEIGHT);
        }
    }

    @Test
    void lowConfidenceLinesAreDropped() {
        Properties strict = new Properties();
        strict.setProperty("ocr.min-confidence", "1.0");
        try (TextRecognizer r = TesseractRecognizer.factory(OcrConfig.from(strict)).create()) {
            RecognizedText result =
                    r.recognize(Slides.bgr(Slides.render(Color.WHITE, Color.BLACK, BULLET_SLIDE)));
            assertThat(result.regions()).isPositive();
            assertThat(result.lines()).isEmpty();
        }
    }

    @Test
    void moreRecognisersThanJavaCppCallbackSlotsWorkAtOnce() throws Exception {
        Picture picture =
                Slides.bgr(
                        Slides.render(
                                Color.WHITE,
                                Color.BLACK,
                                List.of(new Slides.Line("Shot 12 of 40", 40, false, 100, 100))));
        TextRecognizer.Factory factory =
                roundTrip(TesseractRecognizer.factory(OcrConfig.defaults()));
        List<TextRecognizer> open = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                open.add(factory.create());
            }
            for (TextRecognizer r : open) {
                assertThat(r.recognize(picture).text()).isEqualTo("Shot 12 of 40");
            }
        } finally {
            open.forEach(TextRecognizer::close);
        }
    }

    @Test
    void aClosedRecogniserRefusesWork() {
        TextRecognizer r = TesseractRecognizer.factory(OcrConfig.defaults()).create();
        r.close();
        r.close();
        assertThatThrownBy(() -> r.recognize(Slides.bgr(Slides.gradients())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLanguageWithoutModelIsRejectedNamingTheKey() {
        Properties props = new Properties();
        props.setProperty("ocr.language", "eng+xyz");
        TextRecognizer.Factory factory = TesseractRecognizer.factory(OcrConfig.from(props));
        assertThatThrownBy(factory::create)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ocr.language")
                .hasMessageContaining("xyz");
    }

    private static void assertReads(Picture picture, List<Slides.Line> drawn) {
        String reference = String.join(" ", drawn.stream().map(Slides.Line::text).toList());
        RecognizedText result = recognizer.recognize(picture);
        String read = String.join(" ", result.lines().stream().map(TextLine::text).toList());

        assertThat(result.regions()).isPositive();
        assertThat(Slides.characterErrorRate(reference, read))
                .as("character error rate reading %s", read)
                .isLessThanOrEqualTo(0.02);
        assertThat(result.confidence()).isGreaterThan(0.8f);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
