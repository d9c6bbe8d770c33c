package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.frames.KeyframeStore;
import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.scores.FrameScorer;
import io.framewise.pipeline.scores.FrameScores;
import io.framewise.pipeline.text.TextRecognizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The per-keyframe stage: text, scores, image vector and JPEG, each failing on its own. */
class ReadKeyframeTest {

    static volatile boolean scorerFails;
    static volatile boolean embedderFails;

    static final TextRecognizer.Factory OCR =
            () ->
                    new TextRecognizer() {
                        @Override
                        public io.framewise.pipeline.text.RecognizedText recognize(Picture p) {
                            return FakeEngines.text("Agenda");
                        }

                        @Override
                        public void close() {}
                    };

    static final FrameScorer.Factory SCORER =
            () ->
                    new FrameScorer() {
                        @Override
                        public FrameScores score(
                                Keyframe k, io.framewise.pipeline.text.RecognizedText text) {
                            if (scorerFails) {
                                throw new IllegalStateException("no cascade");
                            }
                            // The text read on the keyframe reaches the scorer.
                            return new FrameScores(1, 0.5, text.lines().size() * 0.1, 1, 0.4);
                        }

                        @Override
                        public void close() {}
                    };

    static final ImageEmbedder.Factory IMAGES =
            () ->
                    new ImageEmbedder() {
                        @Override
                        public String model() {
                            return "fake-image";
                        }

                        @Override
                        public int dims() {
                            return 1;
                        }

                        @Override
                        public List<float[]> embed(List<Picture> pictures) {
                            if (embedderFails) {
                                throw new IllegalStateException("session lost");
                            }
                            List<float[]> out = new ArrayList<>();
                            for (Picture p : pictures) {
                                out.add(new float[] {p.width()});
                            }
                            return out;
                        }

                        @Override
                        public void close() {}
                    };

    static final KeyframeStore.Factory STORE = () -> k -> "keyframes/x/" + k.frame() + ".jpg";

    static KeyframeTask task(long frame) {
        Keyframe k =
                new Keyframe(
                        FakeEngines.VIDEO.videoId(),
                        0,
                        frame,
                        frame * 40,
                        "00:00:00:00",
                        0,
                        new KeyframeQuality(100, 120, 40, 0.8),
                        new Picture(8, 4, 1, new byte[32]),
                        0.0);
        return new KeyframeTask(FakeEngines.VIDEO, FakeEngines.shots(200), k, 2);
    }

    @Test
    void scoresAndEmbedsThePictureThenDropsIt() throws Exception {
        scorerFails = false;
        embedderFails = false;
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new ReadKeyframe(OCR, STORE, SCORER, IMAGES, null)))) {
            h.open();
            h.processElement(task(10), 0);
            KeyframeDone done = h.extractOutputValues().get(0);
            assertThat(done.keyframe().image()).isNull();
            assertThat(done.read().scores().textCoverage()).isEqualTo(0.1);
            assertThat(done.read().scores().faces()).isEqualTo(1);
            assertThat(done.read().imageModel()).isEqualTo("fake-image");
            assertThat(done.read().imageVector()).containsExactly(8f);
            assertThat(done.read().keyframeUri()).isEqualTo("keyframes/x/10.jpg");
            assertThat(h.getSideOutput(Tags.FAILURES)).isNull();
        }
    }

    @Test
    void aFailingScorerOrEmbedderIsAFailureRowAndTheFrameGoesOn() throws Exception {
        scorerFails = true;
        embedderFails = true;
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new ReadKeyframe(OCR, STORE, SCORER, IMAGES, null)))) {
            h.open();
            h.processElement(task(10), 0);
            KeyframeDone done = h.extractOutputValues().get(0);
            assertThat(done.read().scores()).isNull();
            assertThat(done.read().imageVector()).isNull();
            assertThat(done.text().text()).isEqualTo("Agenda");
            assertThat(done.read().keyframeUri()).isEqualTo("keyframes/x/10.jpg");
            List<FailureRow> failures =
                    h.getSideOutput(Tags.FAILURES).stream().map(StreamRecord::getValue).toList();
            assertThat(failures)
                    .extracting(FailureRow::stage, FailureRow::code)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("scores", "scoring_failed"),
                            org.assertj.core.groups.Tuple.tuple("image_embedding", "embed_failed"));
            assertThat(failures.get(1).message()).contains("session lost");
            // The frame is named in its own column, and the video by its URI.
            assertThat(failures)
                    .allSatisfy(
                            f -> {
                                assertThat(f.input())
                                        .isEqualTo(
                                                FailureRow.keyframe(
                                                        done.keyframe().videoId(),
                                                        done.keyframe().shot(),
                                                        10));
                                assertThat(f.uri()).isEqualTo(done.video().uri());
                                assertThat(f.attempt()).isEqualTo(1);
                            });
        } finally {
            scorerFails = false;
            embedderFails = false;
        }
    }
}
