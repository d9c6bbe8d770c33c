package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.messages.Messages;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.VideoNews;
import io.framewise.pipeline.messages.Messages.VideoStitched;
import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.scores.FrameScores;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.speech.SpokenSegment;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AssembleVideoTest {

    @Test
    void writesTheVideosRowsOnceAllKeyframesAreInAndClearsItsState() throws Exception {
        ShotDetection shots = FakeEngines.shots(200);
        try (var h = harness(false)) {
            h.processElement2(passedOn(shots), 0);
            // Shot 1 shows the same title on two keyframes (read slightly differently), shot 0
            // none.
            h.processElement1(done(shots, 1, 150, FakeEngines.text("Quarterly results")), 0);
            h.processElement1(done(shots, 0, 20, null), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement1(done(shots, 1, 90, FakeEngines.text("Quarterly resuIts", 0.6f)), 0);

            List<VideoRow> videos = h.extractOutputValues();
            assertThat(videos)
                    .singleElement()
                    .satisfies(
                            v -> {
                                assertThat(v.status()).isEqualTo("ok");
                                assertThat(v.shots()).isEqualTo(2);
                                assertThat(v.keyframes()).isEqualTo(3);
                                // One text instance of 17 characters: the two sightings are merged.
                                assertThat(v.textChars()).isEqualTo("Quarterly results".length());
                                assertThat(v.frames()).isEqualTo(200);
                            });
            List<ShotRow> shotRows =
                    h.getSideOutput(Tags.SHOTS).stream().map(StreamRecord::getValue).toList();
            assertThat(shotRows).extracting(ShotRow::transitionIn).containsExactly("start", "cut");
            assertThat(shotRows).extracting(ShotRow::keyframes).containsExactly(1, 2);
            List<FrameRow> frames =
                    h.getSideOutput(Tags.FRAMES).stream().map(StreamRecord::getValue).toList();
            assertThat(frames).extracting(FrameRow::frame).containsExactly(20L, 90L, 150L);
            assertThat(frames.get(0).hasText()).isFalse();
            assertThat(frames.get(0).ocrText()).isNull();
            assertThat(frames.get(2).ocrText()).isEqualTo("Quarterly results");
            assertThat(frames.get(2).keyframeUri()).isEqualTo("keyframes/talk-0001/1-150.jpg");
            // The shot's merged text goes on each of its frames (what the embedder embeds), and
            // the per-keyframe scores and image vector are carried over; the text vector comes
            // later (EmbedFrames); motion comes from the detection (no change in the fake: 0).
            assertThat(frames)
                    .extracting(FrameRow::shotText)
                    .containsExactly(null, "Quarterly results", "Quarterly results");
            assertThat(frames.get(1).colourfulness()).isEqualTo(0.25);
            assertThat(frames.get(1).textCoverage()).isEqualTo(0.1);
            assertThat(frames.get(1).faces()).isEqualTo(1);
            assertThat(frames.get(1).largestFace()).isEqualTo(0.3);
            assertThat(frames.get(1).contrast()).isEqualTo(40);
            assertThat(frames.get(0).colourfulness()).isZero(); // scoring failed there
            assertThat(frames.get(2).imageModel()).isEqualTo("colour-structure-v1");
            assertThat(frames.get(2).imageVector()).containsExactly(150f, 1f);
            assertThat(frames).allSatisfy(f -> assertThat(f.textVector()).isNull());
            assertThat(frames).allSatisfy(f -> assertThat(f.motion()).isZero());
            List<TextRow> texts =
                    h.getSideOutput(Tags.TEXTS).stream().map(StreamRecord::getValue).toList();
            assertThat(texts)
                    .singleElement()
                    .satisfies(
                            t -> {
                                assertThat(t.shotIndex()).isEqualTo(1);
                                // The sighting read with the best confidence gives the text.
                                assertThat(t.text()).isEqualTo("Quarterly results");
                                assertThat(t.confidence()).isEqualTo(0.9f);
                                assertThat(t.sightings()).isEqualTo(2);
                                assertThat(t.firstMs()).isEqualTo(90 * 40);
                                assertThat(t.lastMs()).isEqualTo(150 * 40);
                            });
            List<ShotFeatures> features =
                    h.getSideOutput(Tags.SHOT_FEATURES).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(features).extracting(ShotFeatures::shotIndex).containsExactly(0, 1);
            assertThat(features).allSatisfy(f -> assertThat(f.shotsOfVideo()).isEqualTo(2));
            assertThat(features).allSatisfy(f -> assertThat(f.org()).isEqualTo("default"));
            ShotFeatures second = features.get(1);
            assertThat(second.text()).isEqualTo("Quarterly results");
            assertThat(features.get(0).text()).isNull();
            assertThat(second.keyframePhashes()).containsExactly(90L, 150L);
            assertThat(second.colours()[63]).isEqualTo(1f);
            assertThat(second.enrichmentCost()).isCloseTo(0.002, within(1e-12));
            assertThat(features.get(0).enrichmentCost()).isNull();
            assertThat(second.startMs()).isEqualTo(2000);
            assertThat(second.eventTime()).isEqualTo(videos.get(0).processedAt());
            assertThat(second.videoUri()).isEqualTo(FakeEngines.VIDEO.uri());
            // The summary comes later, from the aggregation step.
            assertThat(videos.get(0).summary()).isNull();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aLostKeyframeFailsTheVideoWhenItsTimerFiresAndClearsItsState() throws Exception {
        ShotDetection shots = FakeEngines.shots(200);
        try (var h = harness(false)) {
            h.setProcessingTime(0);
            h.processElement2(passedOn(shots), 0);
            h.processElement1(done(shots, 0, 20, null), 0);
            h.setProcessingTime(1_000);
            h.processElement1(done(shots, 1, 90, null), 0);
            // The third keyframe is lost; the timeout counts from the last one that came.
            h.setProcessingTime(VideoTimeoutTest.TIMEOUT);
            assertThat(h.getSideOutput(Tags.FAILURES)).isNull();

            h.setProcessingTime(1_000 + VideoTimeoutTest.TIMEOUT);

            var row = VideoTimeoutTest.incomplete(h.getSideOutput(Tags.FAILURES), "assemble");
            assertThat(row.uri()).isEqualTo(FakeEngines.VIDEO.uri());
            assertThat(row.message()).startsWith("2 of 3 keyframes arrived");
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.FAILED_VIDEOS)))
                    .singleElement()
                    .satisfies(v -> assertThat(v.status()).isEqualTo("failed"));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(Tags.FRAMES)).isNull();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, KeyframeDone, VideoNews, VideoRow>
            harness(boolean withSpeech) throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new AssembleVideo(FakeEngines.TIMEOUT, withSpeech)),
                        (KeyframeDone d) -> d.video().videoId(),
                        VideoNews::videoId,
                        Types.STRING);
        h.open();
        return h;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, KeyframeDone, VideoNews, VideoRow>
            withSpeech() throws Exception {
        return harness(true);
    }

    /** What stitching says of a video whose keyframes come from a second decoding pass. */
    private static VideoNews passedOn(ShotDetection shots) {
        return VideoNews.of(new VideoStitched(FakeEngines.VIDEO, shots, null, 0));
    }

    private static VideoSpeech speech() {
        return new VideoSpeech(
                FakeEngines.VIDEO.videoId(),
                true,
                1_000,
                List.of(new SpokenSegment(2_100, 2_900, "welcome", 0.9)),
                "en",
                "m");
    }

    @Test
    void withSpeechTheVideoIsWrittenOnceKeyframesAndSpeechAreInInAnyOrder() throws Exception {
        ShotDetection shots = FakeEngines.shots(200);
        try (var h = withSpeech()) {
            h.processElement2(passedOn(shots), 0);
            h.processElement1(done(shots, 0, 20, null), 0);
            h.processElement1(done(shots, 1, 90, null), 0);
            h.processElement2(VideoNews.of(speech()), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement1(done(shots, 1, 150, null), 0);

            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            v -> {
                                assertThat(v.status()).isEqualTo("ok");
                                assertThat(v.keyframes()).isEqualTo(3);
                                assertThat(v.language()).isEqualTo("en");
                            });
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.SHOTS)))
                    .extracting(ShotRow::speech)
                    .containsExactly(null, "welcome");
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void withSpeechAVideoWhoseSpeechNeverComesFailsAtTheTimeout() throws Exception {
        ShotDetection shots = FakeEngines.shots(200);
        try (var h = withSpeech()) {
            h.setProcessingTime(0);
            h.processElement2(passedOn(shots), 0);
            h.processElement1(done(shots, 0, 20, null), 0);
            h.processElement1(done(shots, 1, 90, null), 0);
            h.processElement1(done(shots, 1, 150, null), 0);
            assertThat(h.extractOutputValues()).isEmpty();

            h.setProcessingTime(VideoTimeoutTest.TIMEOUT);

            var row = VideoTimeoutTest.incomplete(h.getSideOutput(Tags.FAILURES), "assemble");
            assertThat(row.message()).startsWith("3 of 3 keyframes (and no speech) arrived");
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.FAILED_VIDEOS))).hasSize(1);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void withSpeechSpeechWhoseVideoHasNoKeyframesIsDroppedAtTheTimeout() throws Exception {
        try (var h = withSpeech()) {
            h.setProcessingTime(0);
            h.processElement2(VideoNews.of(speech()), 0);
            assertThat(h.numKeyedStateEntries()).isPositive();

            h.setProcessingTime(VideoTimeoutTest.TIMEOUT);

            // Its video failed before it had keyframes, and has a failure row from there.
            assertThat(h.getSideOutput(Tags.FAILURES)).isNull();
            assertThat(h.getSideOutput(Tags.FAILED_VIDEOS)).isNull();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void keyframesSentBeforeStitchingEndedTakeTheFinalNumbersAndOnesNoLongerChosenAreDropped()
            throws Exception {
        ShotDetection shots = FakeEngines.shots(200);
        // Sent early: frame 20 as shot 0, frame 60 (which the final choice drops) and frame 90,
        // then numbered shot 0; finally frame 90 is in shot 1 and frame 150 is sent at the end.
        try (var h = harness(false)) {
            h.processElement1(chosen(0, 20, null), 0);
            h.processElement1(chosen(0, 90, FakeEngines.text("Quarterly results")), 0);
            List<io.framewise.pipeline.frames.Keyframe> finals =
                    List.of(
                            FakeEngines.keyframe(0, 20),
                            FakeEngines.keyframe(1, 90),
                            FakeEngines.keyframe(1, 150));
            h.processElement2(
                    VideoNews.of(new VideoStitched(FakeEngines.VIDEO, shots, finals, 4)), 0);
            h.processElement1(chosen(1, 150, FakeEngines.text("Quarterly results")), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement1(chosen(0, 60, FakeEngines.text("Agenda")), 0);

            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            v -> {
                                assertThat(v.keyframes()).isEqualTo(3);
                                assertThat(v.shots()).isEqualTo(2);
                            });
            List<FrameRow> frames = VideoTimeoutTest.values(h.getSideOutput(Tags.FRAMES));
            assertThat(frames).extracting(FrameRow::frame).containsExactly(20L, 90L, 150L);
            assertThat(frames).extracting(FrameRow::shotIndex).containsExactly(0, 1, 1);
            // What was read from frame 90's pixels stays with it.
            assertThat(frames.get(1).ocrText()).isEqualTo("Quarterly results");
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.SHOTS)))
                    .extracting(ShotRow::keyframes)
                    .containsExactly(1, 2);
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.TEXTS)))
                    .extracting(TextRow::text)
                    .containsExactly("Quarterly results");
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aVideoWhoseStitchingFailedAfterSendingKeyframesIsForgottenWithoutARow() throws Exception {
        try (var h = harness(true)) {
            h.setProcessingTime(0);
            h.processElement1(chosen(0, 20, null), 0);
            h.processElement2(VideoNews.of(VideoStitched.failed(FakeEngines.VIDEO, 2)), 0);
            h.processElement2(VideoNews.of(speech()), 0);
            assertThat(h.numKeyedStateEntries()).isPositive();
            h.processElement1(chosen(0, 60, null), 0);

            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();

            // One of the two lost on the way: the timeout forgets it too, without a row (the
            // stitching step wrote the video's failure).
            h.processElement2(VideoNews.of(VideoStitched.failed(FakeEngines.VIDEO, 2)), 0);
            h.processElement1(chosen(0, 20, null), 0);
            h.setProcessingTime(VideoTimeoutTest.TIMEOUT);
            assertThat(h.getSideOutput(Tags.FAILURES)).isNull();
            assertThat(h.getSideOutput(Tags.FAILED_VIDEOS)).isNull();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aKeyframeLostAfterStitchingFailsTheVideoAtTheTimeout() throws Exception {
        ShotDetection shots = FakeEngines.shots(200);
        try (var h = harness(false)) {
            h.setProcessingTime(0);
            h.processElement1(chosen(0, 20, null), 0);
            h.processElement2(
                    VideoNews.of(
                            new VideoStitched(
                                    FakeEngines.VIDEO,
                                    shots,
                                    List.of(
                                            FakeEngines.keyframe(0, 20),
                                            FakeEngines.keyframe(1, 150)),
                                    2)),
                    0);
            h.setProcessingTime(VideoTimeoutTest.TIMEOUT);

            var row = VideoTimeoutTest.incomplete(h.getSideOutput(Tags.FAILURES), "assemble");
            assertThat(row.message()).startsWith("1 of 2 keyframes arrived");
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.FAILED_VIDEOS))).hasSize(1);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    /** A keyframe chosen at stitching, as read: its video's stitched record tells the rest. */
    private static KeyframeDone chosen(
            int shot, long frame, io.framewise.pipeline.text.RecognizedText text) {
        KeyframeDone d = done(null, shot, frame, text);
        return new KeyframeDone(
                Messages.KeyframeTask.chosen(FakeEngines.VIDEO, d.keyframe()),
                d.read(),
                d.llmImage(),
                d.enriched());
    }

    private static KeyframeDone done(
            ShotDetection shots,
            int shot,
            long frame,
            io.framewise.pipeline.text.RecognizedText text) {
        return new KeyframeDone(
                new Messages.KeyframeTask(
                        FakeEngines.VIDEO, shots, FakeEngines.keyframe(shot, frame), 3),
                new Messages.KeyframeRead(
                        text,
                        "keyframes/talk-0001/" + shot + "-" + frame + ".jpg",
                        text == null ? null : new FrameScores(0.9, 0.25, 0.1, 1, 0.3),
                        "colour-structure-v1",
                        new float[] {frame, 1},
                        colours(shot)),
                null,
                // Shot 1's keyframes were described at 0.001 each; shot 0's not at all.
                shot == 1 ? new Messages.Enriched(null, 0.001) : null);
    }

    /** Shot 0 is all in bin 0 (black), shot 1 all in bin 63 (white). */
    private static float[] colours(int shot) {
        float[] h = new float[64];
        h[shot == 0 ? 0 : 63] = 1f;
        return h;
    }
}
