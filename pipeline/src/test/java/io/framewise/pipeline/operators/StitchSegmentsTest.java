package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.frames.KeyframeWork;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.SegmentDone;
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
            // The segments, their count and the video's timeout.
            assertThat(h.numKeyedStateEntries()).isEqualTo(3);

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
            assertThat(chosen).allMatch(r -> r.getValue().keyframesOfVideo() == 2);
            // The per-frame arrays stay behind: every keyframe's message carries the detection.
            assertThat(chosen).allMatch(r -> r.getValue().shots().pts().length == 0);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
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
