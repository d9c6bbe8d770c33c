package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.shots.HardCut;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.testkit.samples.LabelledVideo;
import java.nio.file.Path;
import java.util.List;

/** Checks shared by the tests of what the decoder may leave undecoded. */
final class SkippingChecks {

    private SkippingChecks() {}

    /** {@code decoded}'s cuts lie within a frame of the truth's, with as many gradual ones. */
    static void matchesTruth(ShotDetection decoded, LabelledVideo truth) {
        List<Long> cuts = decoded.cuts().stream().map(HardCut::frame).toList();
        assertThat(cuts).hasSameSizeAs(truth.cuts());
        for (int i = 0; i < cuts.size(); i++) {
            assertThat(cuts.get(i)).isBetween(truth.cuts().get(i) - 1L, truth.cuts().get(i) + 1L);
        }
        assertThat(decoded.gradual()).hasSameSizeAs(truth.gradual());
    }

    /**
     * The default detector on {@code file} in 1, 3 and 5 segments finds {@code decoded}'s frames,
     * cuts and as many gradual transitions, and the same result for every count; returns it.
     */
    static ShotDetection sameForAnySegments(ShotDetection decoded, Path file) throws Exception {
        ShotDetection reference = null;
        for (int segments : new int[] {1, 3, 5}) {
            ShotDetection skipping =
                    detect(ShotDetectionConfig.defaults().withSegments(segments), file);
            // Every frame still comes out, at its time: only its signature was interpolated.
            assertThat(skipping.info()).isEqualTo(decoded.info());
            assertThat(skipping.cuts()).isEqualTo(decoded.cuts());
            assertThat(skipping.gradual()).hasSameSizeAs(decoded.gradual());
            if (reference == null) {
                reference = skipping;
            } else {
                assertThat(skipping).isEqualTo(reference);
            }
        }
        return reference;
    }

    static ShotDetection detect(ShotDetectionConfig config, Path file) throws Exception {
        try (ShotDetector d = FfmpegShotDetector.factory(config).create()) {
            return d.detect(file);
        }
    }
}
