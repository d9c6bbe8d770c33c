package io.framewise.jobs.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.connectors.kafka.KafkaConfig;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.Aggregation;
import io.framewise.pipeline.graph.IndexVideosJob;
import io.framewise.pipeline.video.VideoRef;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graphs {@code index}, {@code backfill} and {@code stream} build: the same indexing graph and
 * sinks, apart from the source; and the uids their checkpoints are restored by, which must not
 * change. The graph is built, never run, so the engines' factories may be absent.
 */
class IndexJobGraphTest {

    @TempDir Path out;

    /** The Parquet sinks' uids: their pending files are in checkpoints. */
    private static final Set<String> TABLES =
            Set.of(
                    "table-videos",
                    "table-shots",
                    "table-frames",
                    "table-texts",
                    "table-failures",
                    "table-scenes",
                    "table-clusters",
                    "table-cluster_members");

    private static IndexVideosJob engines() {
        return new IndexVideosJob(
                null,
                null,
                null,
                null,
                new IndexVideosJob.Scoring(null, null, null, 8, 100),
                new Aggregation(null, null, null, AggregateConfig.defaults()));
    }

    private Set<String> uids(VideoSource source) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new IndexJob(source, engines(), List.of(new ParquetTables(out.toString()))).build(env);
        Set<String> uids = new TreeSet<>();
        for (StreamNode node : env.getStreamGraph(false).getStreamNodes()) {
            if (node.getTransformationUID() != null) {
                uids.add(node.getTransformationUID());
            }
        }
        return uids;
    }

    private IncomingVideos.Admission admission(Double rate, boolean resume) {
        return new IncomingVideos.Admission(
                out.toString(), Duration.ofSeconds(30), Duration.ofMinutes(1), rate, resume);
    }

    /** The indexing graph and its sinks, as {@code index} builds them on local files. */
    private Set<String> shared() {
        return uids(new LocalVideos(List.of(VideoRef.of(out.resolve("a.mp4")))));
    }

    @Test
    void indexIsTheIndexingGraphAndTheTables() {
        assertThat(shared()).containsAll(TABLES).contains("plan-segments", "count-failures");
    }

    @Test
    void backfillAddsOnlyItsListingAndAdmission() {
        Set<String> backfill =
                uids(
                        IncomingVideos.listing(
                                List.of(URI.create("file:///videos/")),
                                FramewiseConfig.defaults(),
                                admission(2.0, true)));
        assertThat(backfill)
                .containsExactlyInAnyOrderElementsOf(
                        union(
                                shared(),
                                "video-listing",
                                "throttle",
                                "skip-indexed",
                                "route-incoming"));
    }

    @Test
    void streamAddsOnlyItsUploadsAndDeadLetters() {
        FramewiseConfig config =
                FramewiseConfig.defaults().withKafka(KafkaConfig.of("127.0.0.1:9092", "uploads"));
        assertThat(uids(IncomingVideos.uploads(List.of(), config, admission(null, false))))
                .containsExactlyInAnyOrderElementsOf(
                        union(
                                shared(),
                                "upload-events",
                                "route-incoming",
                                "dead-letter-topic",
                                "Sink Committer: dead-letter-topic"));
        assertThat(
                        uids(
                                IncomingVideos.uploads(
                                        List.of(URI.create("file:///videos/")),
                                        config,
                                        admission(null, true))))
                .containsExactlyInAnyOrderElementsOf(
                        union(
                                shared(),
                                "backfill-then-uploads",
                                "skip-indexed",
                                "route-incoming",
                                "dead-letter-topic",
                                "Sink Committer: dead-letter-topic"));
    }

    private static Set<String> union(Set<String> shared, String... more) {
        Set<String> all = new TreeSet<>(shared);
        all.addAll(List.of(more));
        return all;
    }
}
