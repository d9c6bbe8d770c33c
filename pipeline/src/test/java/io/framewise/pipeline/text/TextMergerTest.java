package io.framewise.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextMergerTest {

    private static final TextBox BOX = new TextBox(0, 0, 10, 10);

    private static TextLine line(String text, double confidence) {
        return new TextLine(text, (float) confidence, BOX);
    }

    private static KeyframeText keyframe(long ms, TextLine... lines) {
        return new KeyframeText(ms, new RecognizedText(List.of(lines), lines.length, 1));
    }

    @Test
    void sameTextOnSeveralKeyframesIsOneInstance() {
        List<TextInstance> out =
                TextMerger.merge(
                        3,
                        List.of(
                                keyframe(1000, line("Introduction to Flink", 0.90)),
                                keyframe(2000, line("Introduction to Flink", 0.95)),
                                keyframe(3000, line("Introduction to Flink", 0.80))));

        assertThat(out)
                .containsExactly(
                        new TextInstance(3, "Introduction to Flink", 0.95f, 1000, 3000, 3));
    }

    @Test
    void smallOcrDifferencesCaseWhitespaceAndPunctuationMerge() {
        List<TextInstance> out =
                TextMerger.merge(
                        0,
                        List.of(
                                keyframe(0, line("Stream processing: windows", 0.70)),
                                keyframe(500, line("stream  processing windows.", 0.75)),
                                keyframe(900, line("Strearn processing - windows", 0.92)),
                                keyframe(1500, line("STREAM PROCESSING, WINDOWS", 0.60))));

        assertThat(out).hasSize(1);
        TextInstance t = out.get(0);
        assertThat(t.text()).isEqualTo("Strearn processing - windows");
        assertThat(t.confidence()).isEqualTo(0.92f);
        assertThat(t.firstMs()).isZero();
        assertThat(t.lastMs()).isEqualTo(1500);
        assertThat(t.sightings()).isEqualTo(4);
    }

    @Test
    void differentTextsStayApartAndKeepOrder() {
        List<TextInstance> out =
                TextMerger.merge(
                        1,
                        List.of(
                                keyframe(0, line("Agenda", 0.9), line("Watermarks", 0.8)),
                                keyframe(
                                        4000,
                                        line("Agenda", 0.85),
                                        line("Watermarks", 0.9),
                                        line("Checkpoints and savepoints", 0.7))));

        assertThat(out)
                .extracting(TextInstance::text)
                .containsExactly("Agenda", "Watermarks", "Checkpoints and savepoints");
        assertThat(out).extracting(TextInstance::sightings).containsExactly(2, 2, 1);
        assertThat(out.get(2).firstMs()).isEqualTo(4000);
        assertThat(out.get(2).lastMs()).isEqualTo(4000);
    }

    @Test
    void similarLinesOnOneKeyframeAreNotMergedWithEachOther() {
        List<TextInstance> out =
                TextMerger.merge(
                        0,
                        List.of(
                                keyframe(0, line("Step 1", 0.9), line("Step 2", 0.9)),
                                keyframe(1000, line("Step 2", 0.95), line("Step 1", 0.8))));

        assertThat(out)
                .extracting(TextInstance::text, TextInstance::sightings)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Step 1", 2),
                        org.assertj.core.groups.Tuple.tuple("Step 2", 2));
        assertThat(out.get(0).confidence()).isEqualTo(0.9f);
        assertThat(out.get(1).confidence()).isEqualTo(0.95f);
    }

    @Test
    void texturesBelowTheThresholdAreSeparate() {
        // "Kafka topics" vs "Kafka tables": similarity 1 - 4/12 < 0.8
        List<TextInstance> out =
                TextMerger.merge(
                        0,
                        List.of(
                                keyframe(0, line("Kafka topics", 0.9)),
                                keyframe(1000, line("Kafka tables", 0.9))));

        assertThat(out)
                .extracting(TextInstance::text)
                .containsExactly("Kafka topics", "Kafka tables");
    }

    @Test
    void keyframesInAnyOrderGiveTheSameResult() {
        List<KeyframeText> keyframes = new ArrayList<>();
        keyframes.add(keyframe(3000, line("Summary", 0.9)));
        keyframes.add(keyframe(1000, line("Summary", 0.7), line("Questions?", 0.8)));
        keyframes.add(keyframe(2000, line("Summary", 0.6)));

        List<TextInstance> out = TextMerger.merge(7, keyframes);

        assertThat(out)
                .containsExactly(
                        new TextInstance(7, "Summary", 0.9f, 1000, 3000, 3),
                        new TextInstance(7, "Questions?", 0.8f, 1000, 1000, 1));
    }

    @Test
    void emptyInputsAndPunctuationOnlyLinesGiveNothing() {
        assertThat(TextMerger.merge(0, List.of())).isEmpty();
        assertThat(
                        TextMerger.merge(
                                0,
                                List.of(
                                        keyframe(0),
                                        keyframe(10, line("- . -", 0.9)),
                                        new KeyframeText(20, new RecognizedText(List.of(), 0, 0)))))
                .isEmpty();
    }

    @Test
    void normalisesCaseAccentsWhitespaceAndPunctuation() {
        assertThat(TextMerger.normalize("  Café, Résumé!  (v2.0) ")).isEqualTo("cafe resume v2 0");
        assertThat(TextMerger.normalize("\tA\u00a0 B\n")).isEqualTo("a b");
        assertThat(TextMerger.normalize("...")).isEmpty();
    }

    @Test
    void levenshtein() {
        assertThat(TextMerger.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(TextMerger.levenshtein("", "abc")).isEqualTo(3);
        assertThat(TextMerger.levenshtein("abc", "abc")).isZero();
        assertThat(TextMerger.similarity("", "")).isEqualTo(1.0);
        assertThat(TextMerger.similarity("abcde", "abcdx")).isEqualTo(0.8);
    }

    @Test
    void rejectsABadThreshold() {
        assertThatThrownBy(() -> TextMerger.merge(0, List.of(), 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 1");
    }
}
