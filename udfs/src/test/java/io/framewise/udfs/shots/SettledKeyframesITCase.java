package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.VideoStitched;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.stages.SettledKeyframes;
import io.framewise.pipeline.stages.Stitching;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import io.framewise.testkit.samples.Scene;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyframes sent while a video's later segments still decode, on a generated video of cuts,
 * dissolves, fades, flashes, motion and text-only slide changes: each is one the whole video's
 * stitching chooses, with the same numbers, and that stitching sends only the rest.
 */
class SettledKeyframesITCase {

    @TempDir static Path dir;

    static final KeyframeConfig KEYFRAMES = KeyframeConfig.defaults();

    @Test
    void keyframesSentFromTheFirstSegmentsAreTheWholeVideosOwn() throws Exception {
        // About a minute at 30 fps (MPEG-4 Part 2 in Matroska): four samples one after the other,
        // in six segments.
        List<Scene> scenes = new ArrayList<>();
        Stream.of(SampleVideos.lecture(), SampleVideos.screen(), SampleVideos.motion())
                .forEach(s -> scenes.addAll(s.scenes()));
        scenes.addAll(SampleVideos.lecture().scenes());
        LabelledVideo truth = SampleVideoWriter.write(SampleSpec.of("mix", 320, 180, scenes), dir);
        Path video = dir.resolve(truth.file());
        VideoRef ref = new VideoRef("mix", video.toUri().toString());
        ShotDetectionConfig shots = ShotDetectionConfig.defaults().withSegments(6);
        try (FfmpegShotDetector detector = new FfmpegShotDetector(shots, KEYFRAMES);
                KeyframeExtractor extractor =
                        FfmpegKeyframeExtractor.factory(KEYFRAMES, shots).create()) {
            SegmentPlan plan = detector.plan(video);
            List<SegmentDone> segments = new ArrayList<>();
            for (int i = 0; i < plan.segments().size(); i++) {
                segments.add(new SegmentDone(ref, plan, i, detector.decode(plan, i), null, null));
            }
            List<Keyframe> whole =
                    Stitching.stitchAfter(segments, detector, extractor, Map.of())
                            .stitched()
                            .keyframes();

            Map<Long, Keyframe> sent = new HashMap<>();
            for (int k = 1; k < segments.size(); k++) {
                for (Keyframe early :
                        SettledKeyframes.choose(
                                segments.subList(0, k), sent.keySet(), detector, extractor)) {
                    assertThat(early.image()).isNotNull();
                    Keyframe numbers = early.withImage(null);
                    assertThat(sent.put(early.frame(), numbers)).isNull();
                    assertThat(whole).contains(numbers);
                }
            }
            // The last 10 s (the margin) and the last shot are never sent early; most are.
            assertThat(sent.size()).isGreaterThan(whole.size() / 2).isLessThan(whole.size());

            Stitching.Stitched rest = Stitching.stitchAfter(segments, detector, extractor, sent);
            VideoStitched stitched = rest.stitched();
            assertThat(stitched.keyframes()).isEqualTo(whole);
            assertThat(stitched.sent()).isEqualTo(whole.size());
            assertThat(rest.chosen()).allMatch(KeyframeTask::chosenAtStitching);
            assertThat(rest.chosen())
                    .extracting(t -> t.keyframe().frame())
                    .doesNotContainAnyElementsOf(sent.keySet())
                    .hasSize(whole.size() - sent.size());
        }
    }
}
