package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.frames.KeyframeWork;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframesChosen;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.shots.ShotDetection;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CollectKeyframesTest {

    static final ShotDetection SHOTS = FakeEngines.shots(200);

    /** Drops a keyframe whose frame number is a later shot's repeat of shot 0's (frame 20). */
    static final class DropsRepeats extends FakeEngines.Extractor {
        @Override
        public List<Keyframe> dropRepeats(List<Keyframe> keyframes) {
            List<Keyframe> kept = new ArrayList<>();
            for (Keyframe k : keyframes) {
                if (k.shot() == 0 || k.frame() != 120) {
                    kept.add(k);
                }
            }
            return kept;
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, KeyframesChosen, KeyframeTask>
            harness() throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new CollectKeyframes(
                                        (KeyframeExtractor.Factory) DropsRepeats::new,
                                        FakeEngines.TIMEOUT)),
                        (KeyframesChosen p) -> p.video().videoId(),
                        Types.STRING);
        h.open();
        return h;
    }

    static KeyframesChosen part(int part, Keyframe... keyframes) {
        return new KeyframesChosen(
                FakeEngines.VIDEO,
                SHOTS,
                new KeyframeWork(part, 2, part * 100L, part, part),
                List.of(keyframes),
                null,
                null);
    }

    @Test
    void sendsTheKeyframesOfAllPartsOnOnceAllAreInWithoutRepeats() throws Exception {
        try (var h = harness()) {
            h.processElement(
                    part(1, FakeEngines.keyframe(1, 120), FakeEngines.keyframe(1, 150)), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);

            h.processElement(part(0, FakeEngines.keyframe(0, 20)), 0);

            List<KeyframeTask> out = h.extractOutputValues();
            // In shot order, the repeat left out, each knowing how many the video has.
            assertThat(out).extracting(t -> t.keyframe().frame()).containsExactly(20L, 150L);
            assertThat(out).allSatisfy(t -> assertThat(t.keyframesOfVideo()).isEqualTo(2));
            // The per-frame arrays stay behind: every keyframe's message carries the shots.
            assertThat(out).allSatisfy(t -> assertThat(t.shots().pts()).isEmpty());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aFailedPartFailsTheVideoWithItsReason() throws Exception {
        try (var h = harness()) {
            h.processElement(part(0, FakeEngines.keyframe(0, 20)), 0);
            h.processElement(
                    new KeyframesChosen(
                            FakeEngines.VIDEO,
                            SHOTS,
                            new KeyframeWork(1, 2, 100, 1, 1),
                            null,
                            "truncated",
                            "end of file at frame 140"),
                    0);

            assertThat(h.extractOutputValues()).isEmpty();
            FailureRow row =
                    VideoTimeoutTest.values(h.getSideOutput(Tags.FAILURES)).stream()
                            .findFirst()
                            .orElseThrow();
            assertThat(row.stage()).isEqualTo("keyframes");
            assertThat(row.code()).isEqualTo("truncated");
            assertThat(row.message()).isEqualTo("end of file at frame 140");
            assertThat(row.uri()).isEqualTo(FakeEngines.VIDEO.uri());
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.FAILED_VIDEOS)))
                    .singleElement()
                    .satisfies(v -> assertThat(v.status()).isEqualTo("failed"));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aVideoWithoutAnyKeyframeFails() throws Exception {
        try (var h = harness()) {
            h.processElement(part(0), 0);
            h.processElement(part(1), 0);

            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.FAILURES)))
                    .singleElement()
                    .satisfies(r -> assertThat(r.code()).isEqualTo("corrupt"));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aLostPartFailsTheVideoWhenItsTimerFiresAndClearsItsState() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            h.processElement(part(0, FakeEngines.keyframe(0, 20)), 0);

            h.setProcessingTime(VideoTimeoutTest.TIMEOUT);

            FailureRow row =
                    VideoTimeoutTest.incomplete(h.getSideOutput(Tags.FAILURES), "keyframes");
            assertThat(row.message()).startsWith("1 of 2 keyframe parts arrived");
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.FAILED_VIDEOS))).hasSize(1);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
