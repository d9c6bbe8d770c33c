package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The micro-batching embedding operator in Flink's operator harness, with a fake embedder. */
class EmbedFramesTest {

    /** Batches the fake embedder was called with; whether it was closed. */
    static final List<List<String>> CALLS = new CopyOnWriteArrayList<>();

    static volatile boolean closed;
    static volatile boolean failing;
    static volatile int assignedGpu;

    /** Vectors {text length, position in its batch}. */
    static final class FakeEmbedder implements Embedder {
        @Override
        public String model() {
            return "fake-model";
        }

        @Override
        public int dims() {
            return 2;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            CALLS.add(List.copyOf(texts));
            if (failing) {
                throw new IllegalStateException("model crashed");
            }
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                out.add(new float[] {texts.get(i).length(), i});
            }
            return out;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final Embedder.Factory FACTORY =
            new Embedder.Factory() {
                @Override
                public Embedder create() {
                    throw new AssertionError("the operator must pass the assigned GPU");
                }

                @Override
                public Embedder create(int gpu) {
                    assignedGpu = gpu;
                    return new FakeEmbedder();
                }
            };

    @BeforeEach
    void reset() {
        CALLS.clear();
        closed = false;
        failing = false;
        assignedGpu = 99;
    }

    static FrameRow row(long frame, String shotText) {
        return new FrameRow(
                "talk-0001",
                0,
                frame,
                frame * 40,
                "00:00:00:00",
                0,
                0.5,
                10,
                100,
                shotText != null,
                shotText,
                shotText != null ? 0.9f : null,
                30,
                1,
                0.2,
                0.1,
                0,
                0,
                null,
                shotText,
                null,
                null,
                "colour-structure-v1",
                new float[] {1},
                "keyframes/talk-0001/0-" + frame + ".jpg",
                null,
                null,
                1000);
    }

    static OneInputStreamOperatorTestHarness<FrameRow, FrameRow> harness(int batch, long wait)
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new EmbedFrames(FACTORY, batch, wait));
    }

    @Test
    void fullBatchesGoAtOnceAndPartialOnesWhenTheWaitIsOver() throws Exception {
        try (var h = harness(3, 100)) {
            h.open();
            assertThat(assignedGpu).isEqualTo(-1); // no Flink GPU resource here
            h.setProcessingTime(0);
            h.processElement(row(1, "alpha"), 5);
            h.processElement(row(2, "beta"), 6);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(99);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(100);
            List<FrameRow> out = h.extractOutputValues();
            assertThat(out).extracting(FrameRow::frame).containsExactly(1L, 2L);
            assertThat(out.get(0).textVector()).containsExactly(5f, 0f);
            assertThat(out.get(1).textVector()).containsExactly(4f, 1f);
            assertThat(out).allSatisfy(r -> assertThat(r.textModel()).isEqualTo("fake-model"));
            // Timestamps are kept.
            assertThat(((StreamRecord<?>) h.getOutput().peek()).getTimestamp()).isEqualTo(5);

            h.processElement(row(3, "gamma"), 7);
            h.processElement(row(4, "delta"), 8);
            h.processElement(row(5, "epsilon"), 9);
            assertThat(h.extractOutputValues()).hasSize(5);
            assertThat(CALLS)
                    .containsExactly(
                            List.of("alpha", "beta"), List.of("gamma", "delta", "epsilon"));
            // The batch that went full cancelled its timer: nothing more comes at its deadline.
            h.setProcessingTime(1000);
            assertThat(h.extractOutputValues()).hasSize(5);
        }
        assertThat(closed).isTrue();
    }

    @Test
    void rowsWithoutTextPassInOrderWithoutAVectorAndCostNothing() throws Exception {
        try (var h = harness(4, 100)) {
            h.open();
            h.processElement(row(1, null), 0);
            h.processElement(row(2, "title"), 0);
            h.processElement(row(3, "  "), 0);
            h.processElement(row(4, "body"), 0);
            List<FrameRow> out = h.extractOutputValues();
            assertThat(out).extracting(FrameRow::frame).containsExactly(1L, 2L, 3L, 4L);
            assertThat(out.get(0).textVector()).isNull();
            assertThat(out.get(2).textVector()).isNull();
            assertThat(out.get(1).textVector()).containsExactly(5f, 0f);
            assertThat(out.get(3).textVector()).containsExactly(4f, 1f);
            assertThat(CALLS).containsExactly(List.of("title", "body"));

            h.processElement(row(5, null), 0);
            h.processElement(row(6, null), 0);
            h.setProcessingTime(500);
            assertThat(h.extractOutputValues()).hasSize(6);
            assertThat(CALLS).hasSize(1); // no text, no model call
        }
    }

    @Test
    void checkpointsAndTheEndOfInputEmptyTheBuffer() throws Exception {
        try (var h = harness(10, 60_000)) {
            h.open();
            h.processElement(row(1, "one"), 0);
            h.prepareSnapshotPreBarrier(1);
            assertThat(h.extractOutputValues()).hasSize(1);
            h.processElement(row(2, "two"), 0);
            h.endInput();
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(CALLS).containsExactly(List.of("one"), List.of("two"));
        }
    }

    @Test
    void aFailedBatchBecomesFailureRowsAndTheFramesGoOn() throws Exception {
        failing = true;
        try (var h = harness(2, 100)) {
            h.open();
            h.processElement(row(1, "one"), 0);
            h.processElement(row(2, "two"), 0);
            assertThat(h.extractOutputValues()).extracting(FrameRow::frame).containsExactly(1L, 2L);
            assertThat(h.extractOutputValues())
                    .allSatisfy(r -> assertThat(r.textVector()).isNull());
            List<FailureRow> failures =
                    h.getSideOutput(Tags.FAILURES).stream().map(StreamRecord::getValue).toList();
            assertThat(failures).hasSize(2);
            assertThat(failures)
                    .allSatisfy(
                            f -> {
                                assertThat(f.stage()).isEqualTo("embed");
                                assertThat(f.code()).isEqualTo("embed_failed");
                                assertThat(f.message()).contains("model crashed");
                            });
            // A frames row does not carry its video's URI; the keyframe is named in input.
            assertThat(failures.get(1).uri()).isNull();
            assertThat(failures.get(1).input()).isEqualTo("keyframe:talk-0001/0/2");
        }
    }
}
