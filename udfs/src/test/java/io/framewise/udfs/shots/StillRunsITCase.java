package io.framewise.udfs.shots;

import static io.framewise.testkit.samples.Scene.Look.SOLID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.Scene;
import io.framewise.testkit.samples.Scene.Enter;
import io.framewise.testkit.samples.TextStyle;
import io.framewise.testkit.samples.X264;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The still rest of a group of pictures is not decoded ({@link StillRuns}): on slides that hold
 * still for seconds most packets never reach the decoder, and the boundaries do not move, for any
 * number of segments. Keyframes come every 100 frames whatever the content (x264 without its scene
 * cuts), so slide changes fall inside groups, and one slide is shown for 20 frames inside a group
 * whose keyframes both show the slide before it: its two cuts must be found. Needs the {@code
 * ffmpeg} command with libx264 (CI installs it); skipped without.
 */
class StillRunsITCase {

    private static final int GOP = 100;

    @TempDir static Path dir;

    private static LabelledVideo truth;
    private static Path file;

    @BeforeAll
    static void encode() throws Exception {
        assumeTrue(X264.available(), "no ffmpeg with libx264 here");
        truth = SampleVideoWriter.write(slides(), dir);
        file =
                X264.encode(
                        dir.resolve(truth.file()),
                        dir.resolve("slides-x264.mp4"),
                        GOP,
                        true,
                        false);
    }

    /**
     * Slides of one template: the agenda, another slide for 20 frames (inside the keyframes at 100
     * and 200), the agenda again; then a dark slide whose text alone is replaced, and a dissolve.
     */
    private static SampleSpec slides() {
        TextStyle serif = TextStyle.of(TextStyle.Typeface.SERIF, 18);
        int paper = 0xFDFDF6;
        int dark = 0x1E2A44;
        return SampleSpec.of(
                "long-slides",
                640,
                360,
                List.of(
                        Scene.cut(SOLID, paper, 140, "Agenda", "1. Where time goes", "2. Changes")
                                .withText(serif),
                        Scene.cut(SOLID, paper, 20, "Where the time goes", "Decoding: most of it")
                                .withText(serif),
                        Scene.cut(SOLID, paper, 240, "Agenda", "1. Where time goes", "2. Changes")
                                .withText(serif),
                        Scene.cut(SOLID, dark, 300, "Streaming Video Indexing", "Week 3"),
                        Scene.cut(SOLID, dark, 300, "Why shots matter", "One take per shot"),
                        Scene.cut(SOLID, 0x222222, 300, "Thank you").entering(Enter.DISSOLVE, 15)));
    }

    @Test
    void stillGroupsAreNotDecodedAndTheBoundariesStay() throws Exception {
        ShotDetection decoded = SkippingChecks.detect(withoutRuns(), file);
        SkippingChecks.matchesTruth(decoded, truth);
        ShotDetection skipping = SkippingChecks.sameForAnySegments(decoded, file);
        assertThat(skipping.gradual()).isEqualTo(decoded.gradual());
    }

    @Test
    void mostPacketsOfStillSlidesNeverReachTheDecoder() throws Exception {
        Properties nothing = new Properties();
        nothing.setProperty("shots.decoder.skip-still-frames", "false");
        nothing.setProperty("shots.decoder.skip-still-runs", "false");
        int all = packetsGiven(ShotDetectionConfig.from(nothing));
        int withoutRuns = packetsGiven(withoutRuns());
        int skipping = packetsGiven(ShotDetectionConfig.defaults());
        assertThat(all).isEqualTo(truth.frames());
        // 13 groups of 100 frames: 8 or 9 hold still after their first P-pictures up to the next
        // keyframe; the one with the short slide, the two that end on a new slide and the last
        // (no keyframe after it) are decoded as before.
        assertThat(skipping).isLessThan(withoutRuns / 2).isGreaterThan(withoutRuns / 4);
    }

    private static int packetsGiven(ShotDetectionConfig config) throws Exception {
        try (MediaInput in = MediaInput.open(file, Deadline.after(Duration.ofMinutes(1)), true)) {
            SegmentPlan plan = SegmentPlanner.plan(in, file, 1);
            return SegmentDecoder.work(in, plan, 0, config).given();
        }
    }

    private static ShotDetectionConfig withoutRuns() {
        Properties p = new Properties();
        p.setProperty("shots.decoder.skip-still-runs", "false");
        return ShotDetectionConfig.from(p);
    }
}
