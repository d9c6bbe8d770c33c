package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.frames.KeyframeWork;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.VideoNews;
import io.framewise.pipeline.messages.Messages.VideoStitched;
import io.framewise.pipeline.shots.SegmentPlan;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class StitchSegmentsTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, SegmentDone, KeyframeWorkTask>
            harness() throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new StitchSegments(
                                        FakeEngines.Detector::new,
                                        FakeEngines.Extractor::new,
                                        FakeEngines.TIMEOUT)),
                        (SegmentDone d) -> d.video().videoId(),
                        Types.STRING);
        h.open();
        return h;
    }

    @Test
    void waitsForEverySegmentInAnyOrderThenClearsItsState() throws Exception {
        SegmentPlan plan = FakeEngines.plan(3);
        try (var h = harness()) {
            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO, plan, 2, FakeEngines.features(2, 30), null, null),
                    0);
            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO, plan, 0, FakeEngines.features(0, 100), null, null),
                    0);
            assertThat(h.extractOutputValues()).isEmpty();
            // The segments, their count, the video's timeout and how many segments from the first
            // were looked at for settled shots.
            assertThat(h.numKeyedStateEntries()).isEqualTo(4);

            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO, plan, 1, FakeEngines.features(1, 100), null, null),
                    0);

            assertThat(h.extractOutputValues()).hasSize(1);
            KeyframeWorkTask out = h.extractOutputValues().get(0);
            assertThat(out.video()).isEqualTo(FakeEngines.VIDEO);
            assertThat(out.shots().info().frames()).isEqualTo(230);
            // Both shots begin in the first segment: one part, decoded from the start.
            assertThat(out.work())
                    .isEqualTo(
                            new KeyframeWork(0, 1, plan.segments().get(0).seekTimestamp(), 0, 1));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void candidatesInEveryShotAreChosenHereWithoutASecondPass() throws Exception {
        SegmentPlan plan = FakeEngines.plan(2);
        try (var h = harness()) {
            // Candidates at frames 25 (segment 0: frames 0-99) and 125: one in each shot.
            for (int segment : new int[] {1, 0}) {
                h.processElement(
                        new SegmentDone(
                                FakeEngines.VIDEO,
                                plan,
                                segment,
                                FakeEngines.featuresWithCandidate(segment, 100),
                                null,
                                null),
                        0);
            }
            assertThat(h.extractOutputValues()).isEmpty();
            var chosen = h.getSideOutput(Tags.CHOSEN_KEYFRAMES);
            assertThat(chosen).hasSize(2);
            assertThat(chosen)
                    .extracting(r -> r.getValue().keyframe().frame())
                    .containsExactly(25L, 125L);
            // The keyframes travel with their pictures, not the shots: the stitched record
            // carries those and the final keyframes, without the per-frame arrays.
            assertThat(chosen).allMatch(r -> r.getValue().chosenAtStitching());
            assertThat(chosen).allMatch(r -> r.getValue().keyframe().image().width() == 8);
            VideoStitched stitched = stitched(h);
            assertThat(stitched.sent()).isEqualTo(2);
            assertThat(stitched.shots().pts()).isEmpty();
            assertThat(stitched.keyframes())
                    .extracting(io.framewise.pipeline.frames.Keyframe::frame)
                    .containsExactly(25L, 125L);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void theKeyframesOfShotsTheFirstSegmentsSettleLeaveBeforeTheLastSegment() throws Exception {
        // Four segments of 100 frames at 25 fps, a cut at frame 50, a candidate at 25, 125, 225
        // and 325: shot 0's keyframe (frame 25) is settled once 250 frames (the margin) follow
        // its end, i.e. with segments 0 to 2 in; shot 1 runs to the end and leaves last.
        SegmentPlan plan = FakeEngines.plan(4);
        try (var h = harness()) {
            h.processElement(segment(plan, 1), 0);
            h.processElement(segment(plan, 0), 0);
            assertThat(h.getSideOutput(Tags.CHOSEN_KEYFRAMES)).isNullOrEmpty();
            h.processElement(segment(plan, 2), 0);
            assertThat(h.getSideOutput(Tags.CHOSEN_KEYFRAMES))
                    .singleElement()
                    .satisfies(r -> assertThat(r.getValue().keyframe().frame()).isEqualTo(25L));
            assertThat(h.getSideOutput(Tags.STITCHED)).isNullOrEmpty();

            h.processElement(segment(plan, 3), 0);

            assertThat(h.getSideOutput(Tags.CHOSEN_KEYFRAMES))
                    .extracting(r -> r.getValue().keyframe().frame())
                    .containsExactly(25L, 125L);
            VideoStitched stitched = stitched(h);
            assertThat(stitched.sent()).isEqualTo(2);
            assertThat(stitched.keyframes())
                    .extracting(io.framewise.pipeline.frames.Keyframe::frame)
                    .containsExactly(25L, 125L);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aLongVideosFirstSegmentsAreStitchedAgainOnlyAsTheyGrowByAnEighth() throws Exception {
        // 40 segments in order: the first 16 runs are each stitched as they come, then runs that
        // have grown by an eighth since the last (16 + 2, 18 + 2, ..., 24 + 3, ..., 33 + 4); the
        // 40th is the whole video's stitch. 24 partial stitches of 347 segments, not 39 of 780.
        SegmentPlan plan = FakeEngines.plan(40);
        FakeEngines.Detector.STITCHED_SO_FAR.clear();
        try (var h = harness()) {
            for (int i = 0; i < 39; i++) {
                h.processElement(segment(plan, i), 0);
            }
            assertThat(FakeEngines.Detector.STITCHED_SO_FAR)
                    .containsExactly(
                            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24,
                            27, 30, 33, 37);
            h.processElement(segment(plan, 39), 0);
            // The results are the whole video's all the same: shot 0's keyframe went early (with
            // the third segment), the last shot's at the end.
            assertThat(h.getSideOutput(Tags.CHOSEN_KEYFRAMES))
                    .extracting(r -> r.getValue().keyframe().frame())
                    .containsExactly(25L, 125L);
            assertThat(stitched(h).sent()).isEqualTo(2);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aVideoThatFailsAfterSendingKeyframesTellsTheAssemblyToForgetThem() throws Exception {
        SegmentPlan plan = FakeEngines.plan(4);
        try (var h = harness()) {
            for (int i = 0; i < 3; i++) {
                h.processElement(segment(plan, i), 0);
            }
            h.processElement(
                    new SegmentDone(FakeEngines.VIDEO, plan, 3, null, "corrupt", "bad packets"), 0);

            VideoStitched stitched = stitched(h);
            assertThat(stitched.isFailed()).isTrue();
            assertThat(stitched.sent()).isEqualTo(1);
            assertThat(h.getSideOutput(Tags.FAILURES)).hasSize(1);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    private static SegmentDone segment(SegmentPlan plan, int segment) {
        return new SegmentDone(
                FakeEngines.VIDEO,
                plan,
                segment,
                FakeEngines.featuresWithCandidate(segment, 100),
                null,
                null);
    }

    private static VideoStitched stitched(
            KeyedOneInputStreamOperatorTestHarness<String, SegmentDone, KeyframeWorkTask> h) {
        return VideoTimeoutTest.values(h.getSideOutput(Tags.STITCHED)).stream()
                .map(VideoNews::stitched)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void aShotWithoutCandidatesSendsTheKeyframeWorkOnInstead() throws Exception {
        SegmentPlan plan = FakeEngines.plan(2);
        try (var h = harness()) {
            // Only segment 1 has a candidate (frame 125): shot 0 has none.
            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO, plan, 0, FakeEngines.features(0, 100), null, null),
                    0);
            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO,
                            plan,
                            1,
                            FakeEngines.featuresWithCandidate(1, 100),
                            null,
                            null),
                    0);
            assertThat(h.getSideOutput(Tags.CHOSEN_KEYFRAMES)).isNullOrEmpty();
            assertThat(h.extractOutputValues()).isNotEmpty();
        }
    }

    @Test
    void aFailedSegmentFailsTheVideoWithItsReason() throws Exception {
        SegmentPlan plan = FakeEngines.plan(2);
        try (var h = harness()) {
            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO, plan, 0, FakeEngines.features(0, 100), null, null),
                    0);
            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO, plan, 1, null, "corrupt", "cannot read packets"),
                    0);

            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(Tags.FAILURES))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.getValue().stage()).isEqualTo("decode");
                                assertThat(r.getValue().code()).isEqualTo("corrupt");
                                assertThat(r.getValue().message()).isEqualTo("cannot read packets");
                                assertThat(r.getValue().videoId()).isEqualTo("talk-0001");
                            });
            assertThat(h.getSideOutput(Tags.FAILED_VIDEOS))
                    .singleElement()
                    .satisfies(r -> assertThat(r.getValue().status()).isEqualTo("failed"));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
