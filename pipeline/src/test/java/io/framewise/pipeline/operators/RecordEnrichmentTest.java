package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.Described;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.LlmCallRow;
import java.util.List;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RecordEnrichmentTest {

    static final LlmConfig.Price PRICE = new LlmConfig.Price(0.15, 0.60);

    static Described described(long frame, Enrichment e) {
        KeyframeDone k = FakeDescribers.keyframe(frame, frame, 3);
        return new Described(new DescribeTask(k, "key-" + frame, Role.LEADER), e);
    }

    static Enrichment ok(long frame, boolean cached) {
        Enrichment e =
                new Enrichment(
                        Enrichment.OK,
                        FakeDescribers.description(frame, null),
                        FakeDescribers.MODEL,
                        FakeDescribers.PROMPT,
                        2,
                        480,
                        300,
                        50,
                        false,
                        null);
        return cached ? e.asCached() : e;
    }

    @Test
    void eachKeyframeGoesOnWithItsDescriptionCostAndCallRowAndWithoutThePicture() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new RecordEnrichment(PRICE))) {
            h.processElement(described(10, ok(10, false)), 0);
            h.processElement(described(20, ok(20, true)), 0);

            List<KeyframeDone> out = h.extractOutputValues();
            assertThat(out).extracting(k -> k.keyframe().frame()).containsExactly(10L, 20L);
            assertThat(out).allSatisfy(k -> assertThat(k.llmImage()).isNull());
            assertThat(out.get(0).description().description())
                    .isEqualTo(FakeDescribers.description(10, null).description());
            // 300 input and 50 output tokens at 0.15 and 0.60 per million.
            assertThat(out.get(0).enriched().cost()).isCloseTo(0.000075, within(1e-12));
            // A cache hit costs nothing.
            assertThat(out.get(1).enriched().cost()).isZero();
            List<LlmCallRow> calls = VideoTimeoutTest.values(h.getSideOutput(Tags.LLM_CALLS));
            assertThat(calls).extracting(LlmCallRow::frame).containsExactly(10L, 20L);
            assertThat(calls).extracting(LlmCallRow::cached).containsExactly(false, true);
            assertThat(calls).extracting(LlmCallRow::attempts).containsExactly(2, 0);
            assertThat(h.getSideOutput(Tags.FAILURES)).isNull();
        }
    }

    @Test
    void aKeyframeThatCouldNotBeDescribedIsAFailureRowAndGoesOnWithout() throws Exception {
        Enrichment failed =
                new Enrichment(
                        Enrichment.HTTP_5XX,
                        null,
                        FakeDescribers.MODEL,
                        FakeDescribers.PROMPT,
                        4,
                        3000,
                        0,
                        0,
                        false,
                        "HTTP 500");
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new RecordEnrichment(null))) {
            h.processElement(described(30, failed), 0);

            KeyframeDone k = h.extractOutputValues().get(0);
            assertThat(k.description()).isNull();
            assertThat(k.llmImage()).isNull();
            // No price table entry for the model: no cost.
            assertThat(k.enriched().cost()).isNull();
            FailureRow row =
                    VideoTimeoutTest.values(h.getSideOutput(Tags.FAILURES)).stream()
                            .findFirst()
                            .orElseThrow();
            assertThat(row.stage()).isEqualTo("enrich");
            assertThat(row.code()).isEqualTo(Enrichment.HTTP_5XX);
            assertThat(row.message()).isEqualTo("HTTP 500");
            assertThat(row.uri()).isEqualTo(FakeEngines.VIDEO.uri());
            assertThat(row.input()).isEqualTo(FailureRow.keyframe(k.video().videoId(), 0, 30));
            assertThat(row.attempt()).isEqualTo(4);
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.LLM_CALLS)))
                    .singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(Enrichment.HTTP_5XX));
        }
    }
}
