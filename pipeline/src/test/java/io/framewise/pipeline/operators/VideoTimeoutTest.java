package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.messages.ChunkTranscript;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.messages.SpeechPlan;
import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.speech.SpeechAudio;
import io.framewise.pipeline.speech.SpeechRegion;
import io.framewise.pipeline.speech.SpokenSegment;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The per-video operators give up a video whose parts stop arriving ({@code job.video-timeout}): a
 * {@code failed} video row and an {@code incomplete} failure row, and nothing left in state. {@link
 * AssembleVideoTest} and {@link CollectKeyframesTest} do the same for their operators.
 */
class VideoTimeoutTest {

    static final long TIMEOUT = FakeEngines.TIMEOUT.toMillis();

    static <T> List<T> values(Queue<StreamRecord<T>> side) {
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    /** The one failure row: the video's {@code incomplete}, at {@code stage}. */
    static FailureRow incomplete(Queue<StreamRecord<FailureRow>> failures, String stage) {
        List<FailureRow> rows = values(failures);
        assertThat(rows).hasSize(1);
        FailureRow row = rows.get(0);
        assertThat(row.code()).isEqualTo("incomplete");
        assertThat(row.stage()).isEqualTo(stage);
        return row;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SegmentDone, KeyframeWorkTask>
            stitch() throws Exception {
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
    void aLostSegmentFailsTheVideoWhenItsTimerFiresAndClearsItsState() throws Exception {
        SegmentPlan plan = FakeEngines.plan(3);
        try (var h = stitch()) {
            h.setProcessingTime(1_000);
            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO, plan, 0, FakeEngines.features(0, 100), null, null),
                    0);
            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO, plan, 2, FakeEngines.features(2, 100), null, null),
                    0);
            // Segment 1 is lost. Just before the timeout nothing has happened.
            h.setProcessingTime(1_000 + TIMEOUT - 1);
            assertThat(h.getSideOutput(Tags.FAILURES)).isNull();
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);

            h.setProcessingTime(1_000 + TIMEOUT);

            FailureRow row = incomplete(h.getSideOutput(Tags.FAILURES), "stitch");
            assertThat(row.videoId()).isEqualTo(FakeEngines.VIDEO.videoId());
            assertThat(row.uri()).isEqualTo(FakeEngines.VIDEO.uri());
            assertThat(row.input()).isEqualTo(FakeEngines.VIDEO.uri());
            assertThat(row.message()).startsWith("2 of 3 segments arrived");
            assertThat(values(h.getSideOutput(Tags.FAILED_VIDEOS)))
                    .singleElement()
                    .satisfies(
                            v -> {
                                assertThat(v.videoId()).isEqualTo(FakeEngines.VIDEO.videoId());
                                assertThat(v.status()).isEqualTo("failed");
                            });
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void eachPartPushesTheTimeoutBackAndACompleteVideoLeavesNoTimer() throws Exception {
        SegmentPlan plan = FakeEngines.plan(2);
        try (var h = stitch()) {
            h.setProcessingTime(0);
            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO, plan, 0, FakeEngines.features(0, 100), null, null),
                    0);
            // A replayed segment counts once: the video still waits for segment 1.
            h.setProcessingTime(TIMEOUT - 10);
            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO, plan, 0, FakeEngines.features(0, 100), null, null),
                    0);
            h.setProcessingTime(TIMEOUT + 10);
            assertThat(h.getSideOutput(Tags.FAILURES)).isNull();
            assertThat(h.extractOutputValues()).isEmpty();

            h.processElement(
                    new SegmentDone(
                            FakeEngines.VIDEO, plan, 1, FakeEngines.features(1, 100), null, null),
                    0);

            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.extractOutputValues().get(0).shots().info().frames()).isEqualTo(200);
            assertThat(h.numProcessingTimeTimers()).isZero();
            h.setProcessingTime(10 * TIMEOUT);
            assertThat(h.getSideOutput(Tags.FAILURES)).isNull();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, VideoRow, ShotFeatures, SummarizedVideo>
            summarize() throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new SummarizeVideo(
                                        FakeAggregation.Summarizer::new, FakeEngines.TIMEOUT)),
                        VideoRow::videoId,
                        ShotFeatures::videoId,
                        Types.STRING);
        h.open();
        return h;
    }

    @Test
    void aSummaryWhoseShotIsLostBecomesAFailedVideo() throws Exception {
        try (var h = summarize()) {
            h.setProcessingTime(0);
            h.processElement1(FakeAggregation.video("v1", 3, 1000), 0);
            h.processElement2(FakeAggregation.shot("acme", "v1", 0, 3, 0, "Intro"), 0);
            h.processElement2(FakeAggregation.shot("acme", "v1", 2, 3, 0, "Q&A"), 0);

            h.setProcessingTime(TIMEOUT);

            FailureRow row = incomplete(h.getSideOutput(Tags.FAILURES), "summary");
            assertThat(row.uri()).isEqualTo("file:///v1.mp4");
            assertThat(row.message()).startsWith("2 of 3 shots arrived");
            assertThat(values(h.getSideOutput(Tags.FAILED_VIDEOS)))
                    .singleElement()
                    .satisfies(v -> assertThat(v.status()).isEqualTo("failed"));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void shotsWhoseVideoRowIsLostFailTheVideoByTheShotsUri() throws Exception {
        try (var h = summarize()) {
            h.setProcessingTime(0);
            h.processElement2(FakeAggregation.shot("acme", "v9", 0, 1, 0, "Intro"), 0);

            h.setProcessingTime(TIMEOUT);

            FailureRow row = incomplete(h.getSideOutput(Tags.FAILURES), "summary");
            assertThat(row.videoId()).isEqualTo("v9");
            assertThat(row.uri()).isEqualTo("file:///v9.mp4");
            assertThat(row.message()).contains("not the video row");
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, SpeechPlan, ChunkTranscript, VideoSpeech>
            gather() throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new GatherSpeech(FakeEngines.TIMEOUT)),
                        SpeechPlan::videoId,
                        ChunkTranscript::videoId,
                        Types.STRING);
        h.open();
        return h;
    }

    private static SpeechPlan twoChunks(String video) {
        return new SpeechPlan(
                video,
                "file:///" + video + ".mp4",
                new SpeechAudio(
                        true,
                        30_000,
                        List.of(new SpeechRegion(200, 2_800), new SpeechRegion(10_200, 12_000)),
                        2),
                2,
                false);
    }

    @Test
    void aLostTranscriptCostsItsWordsNotTheVideo() throws Exception {
        try (var h = gather()) {
            h.setProcessingTime(0);
            h.processElement1(twoChunks("v"), 0);
            h.processElement2(
                    new ChunkTranscript(
                            "v",
                            0,
                            List.of(new SpokenSegment(200, 2_800, "hello", 0.9)),
                            "en",
                            "m"),
                    0);
            assertThat(h.extractOutputValues()).isEmpty();

            h.setProcessingTime(TIMEOUT);

            // The speech goes on with what is in, so that the video is assembled with it.
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.segments())
                                        .extracting(SpokenSegment::text)
                                        .containsExactly("hello");
                                assertThat(s.language()).isEqualTo("en");
                            });
            FailureRow row = incomplete(h.getSideOutput(Tags.FAILURES), "speech");
            assertThat(row.uri()).isEqualTo("file:///v.mp4");
            assertThat(row.message()).startsWith("1 of 2 chunks transcribed");
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void transcriptsWhosePlanIsLostAreDroppedWithTheirState() throws Exception {
        try (var h = gather()) {
            h.setProcessingTime(0);
            h.processElement2(new ChunkTranscript("v", 0, List.of(), null, "m"), 0);
            assertThat(h.numKeyedStateEntries()).isPositive();

            h.setProcessingTime(TIMEOUT);

            // The assembly, which waits for this video's speech in vain, reports the video.
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
