package io.framewise.pipeline.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TextRow;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShotFeaturesBuilderTest {

    private static FrameRow frame(long frame, long phash, double quality) {
        return frame(frame, phash, quality, null);
    }

    private static FrameRow frame(long frame, long phash, double quality, float[] image) {
        return new FrameRow(
                "v",
                2,
                frame,
                frame * 40,
                "tc",
                phash,
                quality,
                100,
                120,
                false,
                null,
                null,
                40,
                1,
                0.2,
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                image == null ? null : "colour-structure-v1",
                image,
                "keyframes/v/2-" + frame + ".jpg",
                null,
                null,
                0);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void thePhashVectorsCosineFollowsTheHammingDistance() {
        float[] a = ShotFeaturesBuilder.phashVector(0L);
        float[] b = ShotFeaturesBuilder.phashVector(0xFFL); // 8 bits differ
        assertThat(dot(a, a)).isCloseTo(1, within(1e-6));
        assertThat(dot(a, b)).isCloseTo(1 - 2 * 8 / 64.0, within(1e-6));
        assertThat(dot(a, ShotFeaturesBuilder.phashVector(-1L))).isCloseTo(-1, within(1e-6));
    }

    @Test
    void aShotsFeaturesComeFromItsRows() {
        ShotRow shot = new ShotRow("v", 2, 100, 199, 4000, 8000, "cut", 2, 0);
        float[] red = new float[64];
        red[48] = 1;
        float[] half = new float[64];
        half[48] = 0.5f;
        half[0] = 0.5f;
        ShotFeatures f =
                ShotFeaturesBuilder.of(
                        "acme",
                        "file:///v.mp4",
                        1234,
                        shot,
                        5,
                        List.of(frame(120, 0L, 0.4), frame(180, 0xFFL, 0.9)),
                        Arrays.asList(red, half),
                        Arrays.asList(0.002, null),
                        List.of(
                                new TextRow("v", 2, "Invoice total", 0.9f, 4800, 7200, 2, 0),
                                new TextRow("v", 2, "Page 2", 0.8f, 4800, 4800, 1, 0)));
        assertThat(f.org()).isEqualTo("acme");
        assertThat(f.eventTime()).isEqualTo(1234);
        assertThat(f.shotsOfVideo()).isEqualTo(5);
        assertThat(f.durationMs()).isEqualTo(4000);
        // The best keyframe (quality 0.9) represents the shot.
        assertThat(f.keyframeUri()).isEqualTo("keyframes/v/2-180.jpg");
        assertThat(f.keyframePhashes()).containsExactly(0L, 0xFFL);
        assertThat(f.keyframeQualities()).containsExactly(0.4, 0.9);
        assertThat(f.keyframeFrames()).containsExactly(120L, 180L);
        assertThat(f.colours()[48]).isEqualTo(0.75f);
        assertThat(f.colours()[0]).isEqualTo(0.25f);
        assertThat(f.text()).isEqualTo("Invoice total\nPage 2");
        assertThat(dot(f.visual(), f.visual())).isCloseTo(1, within(1e-5));
        assertThat(f.textVector()).isNull();
        // Only the first keyframe was described at a price.
        assertThat(f.enrichmentCost()).isEqualTo(0.002);
    }

    @Test
    void theVisualVectorIsTheMeanOfTheImageVectorsOrOfThePhashesWhenOneIsMissing() {
        ShotRow shot = new ShotRow("v", 2, 100, 199, 4000, 8000, "cut", 2, 0);
        List<float[]> colours = Arrays.asList(null, null);
        ShotFeatures images =
                ShotFeaturesBuilder.of(
                        "acme",
                        "file:///v.mp4",
                        0,
                        shot,
                        1,
                        List.of(
                                frame(120, 0L, 0.5, new float[] {3, 0, 0}),
                                frame(180, 0L, 0.5, new float[] {0, 4, 0})),
                        colours,
                        Arrays.asList(null, null),
                        List.of());
        float half = (float) Math.sqrt(0.5);
        assertThat(images.visual()).containsExactly(new float[] {half, half, 0}, within(1e-6f));
        ShotFeatures fallback =
                ShotFeaturesBuilder.of(
                        "acme",
                        "file:///v.mp4",
                        0,
                        shot,
                        1,
                        List.of(frame(120, 0L, 0.5, new float[] {3, 0, 0}), frame(180, 0L, 0.5)),
                        colours,
                        Arrays.asList(null, null),
                        List.of());
        assertThat(fallback.visual()).hasSize(64);
        assertThat(fallback.visual()).isEqualTo(ShotFeaturesBuilder.phashVector(0L));
    }

    @Test
    void aShotWithoutTextOrColoursStillHasFeatures() {
        ShotRow shot = new ShotRow("v", 0, 0, 9, 0, 400, "start", 1, 0);
        ShotFeatures f =
                ShotFeaturesBuilder.of(
                        "default",
                        "file:///v.mp4",
                        0,
                        shot,
                        1,
                        List.of(frame(5, 7L, 0.5)),
                        Arrays.asList((float[]) null),
                        Arrays.asList((Double) null),
                        List.of());
        assertThat(f.text()).isNull();
        assertThat(f.colours()).hasSize(64).containsOnly(0f);
        assertThat(f.enrichmentCost()).isNull();
    }
}
