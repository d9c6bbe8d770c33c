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
