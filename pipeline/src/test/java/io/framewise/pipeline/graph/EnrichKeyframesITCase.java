package io.framewise.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.operators.FakeDescribers;
import io.framewise.pipeline.operators.FakeEngines;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.LlmCallRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/** The describing stage as a real (MiniCluster) job, with a fake describer. */
class EnrichKeyframesITCase {

    @Test
    void everyKeyframeComesOutOnceDescribedOrAccountedForAndRepeatsAreAskedOnce() throws Exception {
        FakeDescribers.CALLS.clear();
        // Frames 30-39 repeat the pictures of frames 0-9 (same pHash). Frames 5 and 12 fail:
        // frame 35, whose leader is frame 5, must then ask for itself.
        List<KeyframeDone> in = new ArrayList<>();
        for (long f = 0; f < 40; f++) {
            in.add(FakeDescribers.keyframe(f, 1000 + f % 30, 40));
        }
        Properties p = new Properties();
        p.setProperty("llm.url", "http://127.0.0.1:1/v1");
        p.setProperty("llm.model", FakeDescribers.MODEL);
        p.setProperty("llm.async.capacity", "4");
        p.setProperty("llm.price." + FakeDescribers.MODEL, "1.00,4.00");
        LlmConfig config = LlmConfig.from(p);

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        EnrichKeyframes.Result result =
                EnrichKeyframes.apply(
                        env.fromData(in, TypeInformation.of(KeyframeDone.class)).setParallelism(1),
                        new FakeDescribers.Factory(List.of(5L, 12L), List.of()),
                        config);
        CloseableIterator<KeyframeDone> keyframes = result.keyframes().collectAsync();
        CloseableIterator<LlmCallRow> calls = result.llmCalls().collectAsync();
        CloseableIterator<FailureRow> failures = result.failures().collectAsync();
        env.execute("describe keyframes");

        Map<Long, KeyframeDone> out = new HashMap<>();
        keyframes.forEachRemaining(
                k -> assertThat(out.put(k.keyframe().frame(), k)).as("frame twice").isNull());
        assertThat(out).hasSize(40);
        for (long f = 0; f < 40; f++) {
            KeyframeDone k = out.get(f);
            assertThat(k.llmImage()).as("the LLM's picture goes no further").isNull();
            if (f == 5 || f == 12) {
                assertThat(k.description()).as("frame " + f).isNull();
            } else if (f >= 30 && f != 35) {
                // The repeat shares the first one's description.
                assertThat(k.description().description()).isEqualTo("frame " + (f - 30));
            } else {
                assertThat(k.description().description()).isEqualTo("frame " + f);
            }
        }

        List<LlmCallRow> rows = new ArrayList<>();
        calls.forEachRemaining(rows::add);
        assertThat(rows).hasSize(40);
        assertThat(rows.stream().filter(LlmCallRow::cached).map(LlmCallRow::frame))
                .containsExactlyInAnyOrder(30L, 31L, 32L, 33L, 34L, 36L, 37L, 38L, 39L);
        assertThat(rows.stream().filter(r -> !r.status().equals("ok")).map(LlmCallRow::frame))
                .containsExactlyInAnyOrder(5L, 12L);
        LlmCallRow asked = rows.stream().filter(r -> r.frame() == 1).findFirst().orElseThrow();
        assertThat(asked.model()).isEqualTo(FakeDescribers.MODEL);
        assertThat(asked.promptVersion()).isEqualTo(FakeDescribers.PROMPT);
        // 300 input and 50 output tokens at 1 and 4 dollars per million.
        assertThat(asked.cost()).isCloseTo(0.0005, org.assertj.core.data.Offset.offset(1e-12));
        LlmCallRow hit = rows.stream().filter(r -> r.frame() == 31).findFirst().orElseThrow();
        assertThat(hit.cost()).isZero();
        assertThat(hit.attempts()).isZero();

        List<FailureRow> failed = new ArrayList<>();
        failures.forEachRemaining(failed::add);
        assertThat(failed).hasSize(2);
        assertThat(failed)
                .allSatisfy(
                        f -> {
                            assertThat(f.stage()).isEqualTo("enrich");
                            assertThat(f.code()).isEqualTo("llm_rate_limited");
                            assertThat(f.videoId()).isEqualTo(FakeEngines.VIDEO.videoId());
                        });
        // The keyframe is named in input, the reason in message, the tries in attempt.
        assertThat(failed)
                .extracting(FailureRow::input)
                .containsExactlyInAnyOrder(
                        FailureRow.keyframe(FakeEngines.VIDEO.videoId(), 0, 5),
                        FailureRow.keyframe(FakeEngines.VIDEO.videoId(), 0, 12));
        assertThat(failed)
                .allSatisfy(
                        f -> {
                            assertThat(f.message()).startsWith("HTTP 429");
                            assertThat(f.attempt()).isEqualTo(3);
                            assertThat(f.uri()).isEqualTo(FakeEngines.VIDEO.uri());
                        });

        // Asked once per distinct picture, plus once for the orphaned repeat of frame 5.
        Map<Long, Integer> asks = new HashMap<>();
        FakeDescribers.CALLS.forEach((frame, n) -> asks.put(frame, n.get()));
        assertThat(asks.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(31);
        assertThat(asks).containsEntry(35L, 1).doesNotContainKey(31L);
        assertThat(FakeDescribers.CALLS.values()).allMatch(n -> n.get() == 1);
    }
}
