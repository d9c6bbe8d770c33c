package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.shots.GradualTransition;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundaryDetectorTest {

    private static final ShotDetectionConfig CONFIG = ShotDetectionConfig.defaults();

    private static BoundaryDetector.Boundaries detect(SyntheticSeries video) {
        return BoundaryDetector.detect(video.series(), CONFIG);
    }

    @Test
    void findsHardCutsOnTheFirstFrameOfTheNewShot() {
        SyntheticSeries video =
                new SyntheticSeries()
                        .still(50, 40, 120, 130)
                        .still(40, 180, 100, 150)
                        .still(60, 90, 140, 100);
        BoundaryDetector.Boundaries found = detect(video);
        assertThat(found.cuts()).containsExactly(50, 90);
        assertThat(found.gradual()).isEmpty();
    }

    @Test
    void aSmallChangeOnAStillPictureIsACutWhenItStaysButNotWhenItIsNoise() {
        // Dark scene to dark scene of another hue: a small distance, far above the noise.
        SyntheticSeries video =
                new SyntheticSeries().still(60, 30, 128, 128).still(60, 30, 124, 134);
        assertThat(detect(video).cuts()).containsExactly(60);
        assertThat(detect(new SyntheticSeries().still(200, 30, 128, 128)).cuts()).isEmpty();
    }

    @Test
    void textReplacedOnTheSameBackgroundIsACut() {
        // A slide of one template: the strokes move to other columns, the background stays.
        SyntheticSeries video =
                new SyntheticSeries()
                        .text(40, 200, false, 1, 6, 2, 5, 8)
                        .text(40, 200, true, 1, 6, 2, 5, 8);
        assertThat(video.series().distance(40, 1)).isLessThan((float) CONFIG.minCutDistance());
        assertThat(detect(video).cuts()).containsExactly(40);
    }

    @Test
    void textAddedToWhatStaysIsNotACut() {
        // Typing: a new line of strokes below the old ones, which all stay.
        SyntheticSeries video =
                new SyntheticSeries()
                        .text(40, 200, false, 1, 3, 2, 5, 8)
                        .text(40, 200, false, 1, 6, 2, 5, 8);
        assertThat(detect(video).cuts()).isEmpty();
    }

    @Test
    void aCaptionChangingInTheBottomBandIsNotACut() {
        SyntheticSeries video =
                new SyntheticSeries()
                        .text(40, 60, false, 7, 9, 2, 5, 8)
                        .text(40, 60, true, 7, 9, 2, 5, 8);
        assertThat(detect(video).cuts()).isEmpty();
        // The same change higher up the picture is a slide's.
        SyntheticSeries higher =
                new SyntheticSeries()
                        .text(40, 60, false, 2, 4, 2, 5, 8)
                        .text(40, 60, true, 2, 4, 2, 5, 8);
        assertThat(detect(higher).cuts()).containsExactly(40);
    }

    @Test
    void contentCutsFollowTheirSettings() {
        SyntheticSeries video =
                new SyntheticSeries()
                        .text(40, 200, false, 2, 4, 2, 5, 8)
                        .text(40, 200, true, 2, 4, 2, 5, 8);
        java.util.Properties tall = new java.util.Properties();
        // Two rows of nine are 22% of the height.
        tall.setProperty("shots.content.min-extent", "0.3");
        assertThat(BoundaryDetector.detect(video.series(), ShotDetectionConfig.from(tall)).cuts())
                .isEmpty();
        assertThat(detect(video).cuts()).containsExactly(40);
    }

    @Test
    void aFlashThatRevertsIsNotACut() {
        SyntheticSeries video =
                new SyntheticSeries()
                        .still(40, 60, 120, 130)
                        .still(2, 250, 128, 128)
                        .still(60, 60, 120, 130);
        BoundaryDetector.Boundaries found = detect(video);
        assertThat(found.cuts()).isEmpty();
        assertThat(found.gradual()).isEmpty();
    }

    @Test
    void aDissolveIsOneGradualTransitionAndNoCut() {
        SyntheticSeries video =
                new SyntheticSeries()
                        .still(60, 40, 120, 130)
                        .dissolveTo(20, 200, 90, 160)
                        .still(60, 200, 90, 160);
        BoundaryDetector.Boundaries found = detect(video);
        assertThat(found.cuts()).isEmpty();
        assertThat(found.gradual()).hasSize(1);
        GradualTransition g = found.gradual().get(0);
        assertThat(g.kind()).isEqualTo(GradualTransition.Kind.DISSOLVE);
        assertThat(g.firstFrame()).isBetween(59L, 62L);
        assertThat(g.lastFrame()).isBetween(76L, 81L);
    }

    @Test
    void aFadeThroughBlackIsAFade() {
        SyntheticSeries video =
                new SyntheticSeries()
                        .still(60, 120, 110, 140)
                        .dissolveTo(10, 16, 128, 128)
                        .still(2, 16, 128, 128)
                        .dissolveTo(10, 150, 150, 100)
                        .still(60, 150, 150, 100);
        List<GradualTransition> gradual = detect(video).gradual();
        assertThat(detect(video).cuts()).isEmpty();
        assertThat(gradual).hasSize(1);
        assertThat(gradual.get(0).kind()).isEqualTo(GradualTransition.Kind.FADE);
        assertThat(gradual.get(0).firstFrame()).isBetween(59L, 62L);
        assertThat(gradual.get(0).lastFrame()).isBetween(78L, 84L);
    }
}
