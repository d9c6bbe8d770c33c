package io.framewise.jobs.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.kafka.KafkaConfig;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.Aggregation;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.graph.IndexVideosJob;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.Transcriber;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operator of the largest graph {@code flink run} submits (stream after a backfill, frame
 * descriptions, speech, previews, the Parquet tables, the search indices and the dead-letter topic)
 * has a name and a uid of its own: the web UI, the metrics (their scope is the operator's name) and
 * the restored state (by uid) never mix two operators, two sinks' writers and committers included.
 */
class OperatorNamesTest {

    @TempDir Path out;

    /** The graph reads the model's name; the job is built, never run. */
    private static final class NoDescriber implements FrameDescriber.Factory {
        @Override
        public String model() {
            return "none";
        }

        @Override
        public String promptVersion() {
            return "1";
        }

        @Override
        public FrameDescriber create(int instances) {
            throw new UnsupportedOperationException("built, never run");
        }
    }

    private static final class NoTranscriber implements Transcriber.Factory {
        @Override
        public String model() {
            return "none";
        }

        @Override
        public Transcriber create(int instances) {
            throw new UnsupportedOperationException("built, never run");
        }
    }

    private StreamGraph largestGraph() {
        IndexVideosJob engines =
                new IndexVideosJob(
                                null,
                                null,
                                null,
                                null,
                                new IndexVideosJob.Scoring(null, null, null, 8, 100),
                                new Aggregation(null, null, null, AggregateConfig.defaults()))
                        .withEnrichment(new NoDescriber(), LlmConfig.defaults())
                        .withSpeech(
                                new IndexVideosJob.Speech(
                                        null, new NoTranscriber(), SpeechConfig.defaults()))
                        .withPreviews(
                                new IndexVideosJob.Previews(
                                        () -> {
                                            throw new UnsupportedOperationException(
                                                    "built, never run");
                                        },
                                        out.resolve("previews").toString()));
        FramewiseConfig config =
                FramewiseConfig.defaults().withKafka(KafkaConfig.of("127.0.0.1:9092", "uploads"));
        Properties es = new Properties();
        es.setProperty("es.url", "http://127.0.0.1:9200");
        SearchIndices indices = new SearchIndices(ElasticsearchConfig.from(es), out.toString());
        IncomingVideos source =
                IncomingVideos.uploads(
                        List.of(URI.create("file:///videos/")),
                        config,
                        new IncomingVideos.Admission(
                                out.toString(),
                                Duration.ofSeconds(30),
                                Duration.ofMinutes(1),
                                2.0,
                                true));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new IndexJob(
                        source,
                        engines,
                        List.of(new ParquetTables(out.toString()), indices::attachSinks))
                .build(env);
        return env.getStreamGraph(false);
    }

    private static Map<String, List<String>> repeated(
            StreamGraph graph, Function<StreamNode, String> key) {
        Map<String, List<String>> byKey = new TreeMap<>();
        for (StreamNode node : graph.getStreamNodes()) {
            byKey.computeIfAbsent(String.valueOf(key.apply(node)), k -> new ArrayList<>())
                    .add(node.getOperatorName());
        }
        byKey.values().removeIf(nodes -> nodes.size() < 2);
        return byKey;
    }

    @Test
    void everyOperatorHasANameAndAUidOfItsOwn() {
        StreamGraph graph = largestGraph();
        List<String> names =
                graph.getStreamNodes().stream().map(StreamNode::getOperatorName).toList();
        // The graph has what it should: every sink, the writers and committers of each.
        assertThat(names)
                .contains(
                        "videos table: Writer",
                        "videos table: Committer",
                        "speech_calls table: Writer",
                        "llm_calls table: Writer",
                        "videos index: Writer",
                        "transcripts index: Writer",
                        "dead-letter topic: Writer",
                        "dead-letter topic: Committer");
        assertThat(graph.getStreamNodes())
                .allSatisfy(
                        n ->
                                assertThat(n.getTransformationUID())
                                        .as(n.getOperatorName())
                                        .isNotBlank());
        assertThat(repeated(graph, StreamNode::getTransformationUID)).isEmpty();
        assertThat(repeated(graph, StreamNode::getOperatorName)).isEmpty();
    }
}
