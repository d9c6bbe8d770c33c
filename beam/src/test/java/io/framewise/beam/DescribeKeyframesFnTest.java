package io.framewise.beam;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.operators.FakeDescribers;
import io.framewise.pipeline.operators.FakeEngines;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.video.VideoRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.junit.jupiter.api.Test;

/**
 * The describing DoFn on the direct runner with a describer of fixed answers: who asks in a group,
 * what the others get when it was described and when it failed, and a call that never answers.
 */
class DescribeKeyframesFnTest {

    private static final String MODEL = FakeDescribers.MODEL;
    private static final VideoRef VIDEO = FakeEngines.VIDEO;

    /** Calls per frame number, across the DoFn instances of this JVM. */
    private static final Map<Long, AtomicInteger> CALLS = FakeDescribers.CALLS;

    /** What the pipeline put out, by output. */
    private static final Map<String, Queue<Object>> SEEN = new ConcurrentHashMap<>();

    /** Puts what reaches it into {@link #SEEN} under its name. */
    static final class Collect extends DoFn<Object, Void> {
        private final String name;

        Collect(String name) {
            this.name = name;
        }

        @ProcessElement
        public void process(@Element Object item) {
            SEEN.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>()).add(item);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<Long, T> byFrame(String name, Function<T, Long> f) {
        return SEEN.getOrDefault(name, new ConcurrentLinkedQueue<>()).stream()
                .map(o -> (T) o)
                .collect(Collectors.toMap(f, o -> o, (a, b) -> a, TreeMap::new));
    }

    @Test
    void oneAsksPerGroupTheOthersShareOrAskWhenItFailedAndNothingIsLost() {
        Properties props = new Properties();
        props.setProperty("llm.price." + MODEL, "0.15,0.60");
        // Two groups in flight at most, so that a bundle's groups take more than one round.
        props.setProperty("llm.async.capacity", "2");
        props.setProperty("llm.deadline", "PT0.5S");
        props.setProperty("llm.async.timeout", "PT1S");
        LlmConfig llm = LlmConfig.from(props);
        CALLS.clear();
        FakeDescribers.Factory describers = new FakeDescribers.Factory(List.of(40L), List.of(70L));

        Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
        // Out of order within a group: the first by frame asks whatever order they come in.
        PCollection<KV<String, Iterable<KeyframeDone>>> groups =
                p.apply(
                        Create.of(
                                        KV.of("a", frames(30, 10, 20)),
                                        KV.of("b", frames(60, 40, 50)),
                                        KV.of("c", frames(70)))
                                .withCoder(
                                        KvCoder.of(
                                                StringUtf8Coder.of(),
                                                IterableCoder.of(
                                                        Outputs.coder(KeyframeDone.class)))));
        PCollectionTuple out =
                groups.apply(
                        ParDo.of(new DescribeKeyframesFn(describers, llm, 1))
                                .withOutputTags(
                                        DescribeKeyframesFn.DESCRIBED,
                                        TupleTagList.of(DescribeKeyframesFn.LLM_CALLS)
                                                .and(Outputs.FAILURES)));
        out.get(DescribeKeyframesFn.DESCRIBED)
                .setCoder(Outputs.coder(KeyframeDone.class))
                .apply("keyframes", ParDo.of(new Collect("keyframes")));
        out.get(DescribeKeyframesFn.LLM_CALLS)
                .setCoder(Outputs.coder(LlmCallRow.class))
                .apply("calls", ParDo.of(new Collect("calls")));
        out.get(Outputs.FAILURES)
                .setCoder(Outputs.coder(FailureRow.class))
                .apply("failures", ParDo.of(new Collect("failures")));
        p.run().waitUntilFinish();

        Map<Long, LlmCallRow> calls = byFrame("calls", LlmCallRow::frame);
        assertThat(SEEN.get("calls")).hasSize(7);
        assertThat(calls.keySet()).containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L);
        // Group a: 10 asks, 20 and 30 take its description for nothing.
        assertThat(calls.get(10L).cached()).isFalse();
        assertThat(calls.get(10L).cost()).isPositive();
        for (long follower : List.of(20L, 30L)) {
            assertThat(calls.get(follower).cached()).as("frame " + follower).isTrue();
            assertThat(calls.get(follower).attempts()).isZero();
            assertThat(calls.get(follower).cost()).isZero();
        }
        // Group b: 40 fails; its followers ask for themselves rather than fail with it.
        assertThat(calls.get(40L).status()).isEqualTo(Enrichment.RATE_LIMITED);
        assertThat(calls.get(40L).attempts()).isEqualTo(3);
        for (long orphan : List.of(50L, 60L)) {
            assertThat(calls.get(orphan).status()).as("frame " + orphan).isEqualTo("ok");
            assertThat(calls.get(orphan).cached()).isFalse();
        }
        // Group c: no answer within llm.async.timeout is a timeout, not a lost keyframe.
        assertThat(calls.get(70L).status()).isEqualTo(Enrichment.TIMEOUT);
        assertThat(CALLS.keySet()).containsExactlyInAnyOrder(10L, 40L, 50L, 60L, 70L);
        assertThat(CALLS.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));

        Map<Long, KeyframeDone> keyframes = byFrame("keyframes", k -> k.keyframe().frame());
        assertThat(SEEN.get("keyframes")).hasSize(7);
        assertThat(keyframes.values()).allSatisfy(k -> assertThat(k.llmImage()).isNull());
        List<String> descriptions = new ArrayList<>();
        keyframes
                .values()
                .forEach(
                        k ->
                                descriptions.add(
                                        k.description() == null
                                                ? null
                                                : k.description().description()));
        assertThat(descriptions)
                .containsExactly(
                        "frame 10", "frame 10", "frame 10", null, "frame 50", "frame 60", null);

        Map<String, FailureRow> failures =
                SEEN.get("failures").stream()
                        .map(o -> (FailureRow) o)
                        .collect(Collectors.toMap(FailureRow::input, f -> f));
        assertThat(failures.keySet())
                .containsExactlyInAnyOrder(
                        FailureRow.keyframe(VIDEO.videoId(), 0, 40),
                        FailureRow.keyframe(VIDEO.videoId(), 0, 70));
        assertThat(failures.values()).allSatisfy(f -> assertThat(f.stage()).isEqualTo("enrich"));
        assertThat(failures.get(FailureRow.keyframe(VIDEO.videoId(), 0, 70)).code())
                .isEqualTo(Enrichment.TIMEOUT);
    }

    private static Iterable<KeyframeDone> frames(long... frames) {
        List<KeyframeDone> all = new ArrayList<>();
        for (long f : frames) {
            all.add(FakeDescribers.keyframe(f, f, 7));
        }
        return all;
    }
}
