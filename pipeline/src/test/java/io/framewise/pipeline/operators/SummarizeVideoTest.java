package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.VideoRow;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SummarizeVideoTest {

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, VideoRow, ShotFeatures, SummarizedVideo>
            harness() throws Exception {
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
    void firesOnceTheRowAndEveryShotAreInInAnyOrderThenClearsItsState() throws Exception {
        try (var h = harness()) {
            h.processElement2(FakeAggregation.shot("acme", "v1", 2, 3, 0, "Q&A"), 0);
            h.processElement2(FakeAggregation.shot("acme", "v1", 0, 3, 0, "Intro"), 0);
            h.processElement1(FakeAggregation.video("v1", 3, 1000), 0);
            // Another video's shot does not complete this one.
            h.processElement2(FakeAggregation.shot("acme", "v2", 0, 3, 0, "Intro"), 0);
            assertThat(h.extractOutputValues()).isEmpty();

            h.processElement2(FakeAggregation.shot("acme", "v1", 1, 3, 0, "Intro"), 0);

            List<SummarizedVideo> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            SummarizedVideo v = out.get(0);
            assertThat(v.org()).isEqualTo("acme");
            assertThat(v.row().summary().scenes()).isEqualTo(2);
            assertThat(v.row().shots()).isEqualTo(3);
            // The signature lists the shots in shot order, whatever order they came in.
            assertThat(v.signature().phashes())
                    .containsExactly("Intro".hashCode(), "Intro".hashCode(), "Q&A".hashCode());
            List<SceneRow> scenes =
                    h.getSideOutput(Tags.SCENES).stream().map(StreamRecord::getValue).toList();
            assertThat(scenes).extracting(SceneRow::firstShot).containsExactly(0, 2);
            assertThat(scenes).extracting(SceneRow::lastShot).containsExactly(1, 2);
            assertThat(scenes).allSatisfy(s -> assertThat(s.processedAt()).isEqualTo(1000));
            assertThat(scenes.get(1).endMs()).isEqualTo(12000);
            // The row carries the same scenes, for its search document.
            assertThat(v.row().summary().sceneRows()).isEqualTo(scenes);
            // v2 is still waiting (its shot, their count, how many it expects, its timeout); v1
            // left nothing behind.
            assertThat(h.numKeyedStateEntries()).isEqualTo(4);
        }
    }

    @Test
    void aFailingSummaryCostsTheSummaryNotTheRow() throws Exception {
        try (var h = harness()) {
            h.processElement1(FakeAggregation.video("boom", 1, 1000), 0);
            h.processElement2(FakeAggregation.shot("acme", "boom", 0, 1, 0, "Intro"), 0);

            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(v -> assertThat(v.row().summary()).isNull());
            assertThat(h.getSideOutput(Tags.FAILURES))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.getValue().stage()).isEqualTo("summary");
                                assertThat(r.getValue().code()).isEqualTo("summary_failed");
                                assertThat(r.getValue().message()).contains("no summary for boom");
                            });
            assertThat(h.getSideOutput(Tags.SCENES)).isNull();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aVideoWithoutKeyframesIsSummarisedFromItsRowAlone() throws Exception {
        try (var h = harness()) {
            VideoRow empty = FakeAggregation.video("blank", 0, 1000);
            h.processElement1(empty, 0);
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            v -> {
                                assertThat(v.row().summary().scenes()).isZero();
                                assertThat(v.signature().shots()).isZero();
                            });
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
