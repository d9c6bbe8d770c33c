package io.framewise.udfs.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.text.TextBox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's box merging, pure Java (no natives). */
class TextRegionDetectorTest {

    private static List<TextBox> boxes(List<TextBox> parts, int pad, int width, int height) {
        return TextRegionDetector.merge(parts, pad, width, height).stream()
                .map(TextRegionDetector.Region::box)
                .toList();
    }

    @Test
    void keepsTheTallestPartAsTheLineHeight() {
        assertThat(
                        TextRegionDetector.merge(
                                List.of(
                                        new TextBox(0, 0, 100, 12),
                                        new TextBox(0, 14, 100, 11),
                                        new TextBox(105, 14, 4, 3)),
                                4,
                                1000,
                                1000))
                .containsExactly(new TextRegionDetector.Region(new TextBox(0, 0, 113, 29), 12));
    }

    @Test
    void padsAndClipsToThePicture() {
        assertThat(boxes(List.of(new TextBox(2, 10, 50, 20)), 4, 100, 32))
                .containsExactly(new TextBox(0, 6, 56, 26));
    }

    @Test
    void mergesOverlappingBoxes() {
        List<TextBox> merged =
                boxes(
                        List.of(new TextBox(10, 10, 100, 30), new TextBox(60, 35, 100, 30)),
                        0,
                        1000,
                        1000);
        assertThat(merged).containsExactly(new TextBox(10, 10, 150, 55));
    }

    @Test
    void mergesWordsOfOneLineButNotSeparateColumnsOrLines() {
        List<TextBox> merged =
                boxes(
                        List.of(
                                new TextBox(100, 100, 80, 30), // word
                                new TextBox(200, 102, 60, 28), // next word, gap 20 < 30
                                new TextBox(700, 100, 80, 30), // other column, gap 440
                                new TextBox(100, 200, 80, 30)), // next line
                        0,
                        1280,
                        720);
        assertThat(merged)
                .containsExactly(
                        new TextBox(100, 100, 160, 30),
                        new TextBox(700, 100, 80, 30),
                        new TextBox(100, 200, 80, 30));
    }

    @Test
    void mergingIsTransitiveAndSorted() {
        List<TextBox> merged =
                boxes(
                        List.of(
                                new TextBox(300, 500, 10, 10),
                                new TextBox(0, 0, 10, 10),
                                new TextBox(9, 0, 10, 10),
                                new TextBox(18, 0, 10, 10)),
                        0,
                        1000,
                        1000);
        assertThat(merged)
                .containsExactly(new TextBox(0, 0, 28, 10), new TextBox(300, 500, 10, 10));
    }

    @Test
    void nothingInNothingOut() {
        assertThat(boxes(List.of(), 4, 10, 10)).isEmpty();
    }
}
