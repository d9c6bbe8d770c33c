package io.framewise.udfs.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.scores.FrameScores;
import io.framewise.pipeline.scores.ScoringConfig;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextBox;
import io.framewise.pipeline.text.TextLine;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The frame scorer with OpenCV's real face cascades on drawn pictures. */
class OpenCvFrameScorerITCase {

    private static Keyframe keyframe(Picture p, double brightness) {
        return new Keyframe(
                "v",
                0,
                10,
                400,
                "00:00:00:10",
                0,
                new KeyframeQuality(50, brightness, 30, 0.5),
                p,
                0.0);
    }

    @Test
    void countsFacesAndMeasuresTheLargest() {
        try (OpenCvFrameScorer scorer = new OpenCvFrameScorer(ScoringConfig.defaults())) {
            FrameScores one =
                    scorer.score(
                            keyframe(DrawnFaces.picture(640, 360, 160, new int[] {320, 180}), 90),
                            null);
            assertThat(one.faces()).isEqualTo(1);
            // The cascade's box covers the face from the brows to the chin: most of its height.
            assertThat(one.largestFace()).isBetween(0.3, 0.5);

            FrameScores two =
                    scorer.score(
                            keyframe(
                                    DrawnFaces.picture(
                                            640,
                                            360,
                                            120,
                                            new int[] {180, 180},
                                            new int[] {460, 180}),
                                    90),
                            null);
            assertThat(two.faces()).isEqualTo(2);
            assertThat(two.largestFace()).isLessThan(one.largestFace());

            FrameScores none = scorer.score(keyframe(DrawnFaces.picture(640, 360, 160), 90), null);
            assertThat(none.faces()).isZero();
            assertThat(none.largestFace()).isZero();
        }
    }

    @Test
    void facesBelowTheMinimumSizeAreNotLookedFor() {
        Properties p = new Properties();
        p.setProperty("scoring.faces.min-size", "0.5");
        try (OpenCvFrameScorer scorer = new OpenCvFrameScorer(ScoringConfig.from(p))) {
            Picture small = DrawnFaces.picture(640, 360, 100, new int[] {320, 180});
            assertThat(scorer.score(keyframe(small, 90), null).faces()).isZero();
        }
        p.setProperty("scoring.faces", "false");
        p.remove("scoring.faces.min-size");
        try (OpenCvFrameScorer scorer = new OpenCvFrameScorer(ScoringConfig.from(p))) {
            Picture face = DrawnFaces.picture(640, 360, 160, new int[] {320, 180});
            assertThat(scorer.score(keyframe(face, 90), null).faces()).isZero();
        }
    }

    @Test
    void scoresTextCoverageColourAndExposure() {
        try (OpenCvFrameScorer scorer = new OpenCvFrameScorer(ScoringConfig.defaults())) {
            Picture slate = DrawnFaces.picture(640, 360, 160);
            RecognizedText text =
                    new RecognizedText(
                            List.of(
                                    new TextLine("Title", 0.9f, new TextBox(0, 0, 320, 36)),
                                    new TextLine("Body", 0.9f, new TextBox(0, 180, 640, 36))),
                            2,
                            10);
            FrameScores s = scorer.score(keyframe(slate, 240), text);
            assertThat(s.textCoverage())
                    .isCloseTo((320 * 36 + 640 * 36) / (640.0 * 360), within(1e-9));
            // Too bright: exposure falls linearly from 225 to 255.
            assertThat(s.exposure()).isCloseTo(0.5, within(1e-9));
            // The slate blue background is a little colourful; a grey picture is not at all.
            assertThat(s.colourfulness()).isBetween(0.05, 0.4);
            Picture grey = new Picture(64, 36, 1, new byte[64 * 36]);
            assertThat(scorer.score(keyframe(grey, 120), null).colourfulness()).isZero();
        }
    }
}
