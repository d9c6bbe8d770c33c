package io.framewise.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.connectors.parquet.ParquetDeadLetters;
import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.VideoRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Elasticsearch sink in real MiniCluster jobs against a real Elasticsearch: documents with
 * their ids and fields, rejected documents as failure rows, replays without duplicates, and a
 * failure after a checkpoint that loses nothing.
 */
class ElasticsearchSinkITCase {

    @TempDir Path out;

    static FrameRow frame(String video, int shot, long frame, double quality, String text) {
        return new FrameRow(
                video,
                shot,
                frame,
                frame * 40,
                String.format("00:00:%02d:%02d", frame / 25, frame % 25),
                0x1234_5678_9abcL * frame,
                quality,
                120.5,
                99.0,
                text != null,
                text,
                text == null ? null : 0.93f,
                30.0,
                1.0,
                0.0,
                0.0,
                0,
                0.0,
                null,
                null,
                null,
                null,
                null,
                null,
                "keyframes/" + video + "/" + shot + "-" + frame + ".jpg",
                null,
                null,
                1_763_700_000_000L);
    }

    private static StreamExecutionEnvironment env(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(200);
        return env;
    }

    @Test
    void writesTheThreeIndicesAndRecordsRejectedDocumentsAsFailures() throws Exception {
        ElasticsearchConfig es = TestCluster.config();
        TestCluster.install(es);
        List<FrameRow> frames = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            frames.add(frame("lecture", i / 10, i * 30L, 0.5, i % 2 == 0 ? "slide " + i : null));
        }
        // Elasticsearch refuses non-finite floats: these two documents must become failures.
        frames.add(frame("lecture", 9, 9000, Double.NaN, "bad quality"));
        frames.add(frame("other", 0, 1, Double.POSITIVE_INFINITY, null));

        for (int run = 0; run < 2; run++) {
            // The second run replays every row: the ids make it overwrite, not duplicate.
            StreamExecutionEnvironment env = env(2);
            ParquetDeadLetters dead = ParquetDeadLetters.of(out.toString());
            env.fromData(frames, TypeInformation.of(FrameRow.class))
                    .sinkTo(ElasticsearchSink.frames(es, dead));
            env.fromData(
                            new ShotRow("lecture", 0, 0, 299, 0, 10_000, "start", 10, 1L),
                            new ShotRow("lecture", 1, 300, 599, 10_000, 20_000, "dissolve", 10, 1L))
                    .sinkTo(ElasticsearchSink.shots(es, dead));
            env.fromData(
                            new VideoRow(
                                    "lecture",
                                    "file:///videos/My%20Lecture.mp4",
                                    1280,
                                    720,
                                    25.0,
                                    5000,
                                    200_000,
                                    "h264",
                                    5,
                                    50,
                                    300,
                                    "ok",
                                    1L,
                                    null))
                    .sinkTo(ElasticsearchSink.videos(es, dead));
            env.execute("es sink run " + run);
        }

        assertThat(TestCluster.count(es, SearchIndex.FRAMES)).isEqualTo(50);
        assertThat(TestCluster.count(es, SearchIndex.SHOTS)).isEqualTo(2);
        assertThat(TestCluster.count(es, SearchIndex.VIDEOS)).isEqualTo(1);

        JsonNode f = TestCluster.get(es, SearchIndex.FRAMES, "lecture/2/600");
        assertThat(f.path("video_id").asText()).isEqualTo("lecture");
        assertThat(f.path("shot_index").asInt()).isEqualTo(2);
        assertThat(f.path("frame").asLong()).isEqualTo(600);
        assertThat(f.path("ms").asLong()).isEqualTo(24_000);
        assertThat(f.path("timecode").asText()).isEqualTo("00:00:24:00");
        assertThat(f.path("ocr_text").asText()).isEqualTo("slide 20");
        assertThat(f.path("keyframe_uri").asText()).isEqualTo("keyframes/lecture/2-600.jpg");
        assertThat(f.path("phash").asLong()).isEqualTo(0x1234_5678_9abcL * 600);
        JsonNode noText = TestCluster.get(es, SearchIndex.FRAMES, "lecture/2/630");
        // Frame documents are merged in, so they name a field the row lacks, as null.
        assertThat(noText.path("ocr_text").isNull()).isTrue();
        assertThat(noText.path("has_text").asBoolean()).isFalse();
        JsonNode v = TestCluster.get(es, SearchIndex.VIDEOS, "lecture");
        assertThat(v.path("title").asText()).isEqualTo("My Lecture.mp4");
        assertThat(
                        TestCluster.get(es, SearchIndex.SHOTS, "lecture/1")
                                .path("transition_in")
                                .asText())
                .isEqualTo("dissolve");

        List<GenericRecord> failures = ParquetTableReader.read(out, Tables.FAILURES);
        // Each run rejects both documents again (at-least-once): four rows, two per document.
        assertThat(failures).hasSize(4);
        assertThat(failures)
                .extracting(r -> r.get("input").toString())
                .containsOnly(
                        "elasticsearch:" + SearchIndex.FRAMES.alias(es) + "/lecture/9/9000",
                        "elasticsearch:" + SearchIndex.FRAMES.alias(es) + "/other/0/1");
        for (GenericRecord r : failures) {
            assertThat(r.get("stage").toString()).isEqualTo("elasticsearch");
            assertThat(r.get("code").toString()).isEqualTo("es_rejected");
            assertThat(r.get("message").toString()).startsWith("HTTP 400 ").contains("quality");
            // The rejected document travels whole in its own column; it has no video URI.
            assertThat(r.get("payload").toString()).startsWith("{").contains("\"quality\"");
            assertThat(r.get("uri")).isNull();
            assertThat(r.get("attempt")).isEqualTo(1);
        }
        assertThat(failures)
                .extracting(r -> r.get("video_id").toString())
                .contains("lecture", "other");
    }

    private static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicInteger AFTER_FAILURE = new AtomicInteger();

    /** Fails the job once, right after its first completed checkpoint. */
    static final class FailOnceAfterCheckpoint
            implements MapFunction<FrameRow, FrameRow>, CheckpointListener {
        @Override
        public FrameRow map(FrameRow row) {
            if (CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after a checkpoint");
            }
            if (FAILED.get()) {
                AFTER_FAILURE.incrementAndGet();
            }
            return row;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }

    @Test
    void aFailureAfterACheckpointLosesNothingAndDuplicatesNothing() throws Exception {
        ElasticsearchConfig es = TestCluster.config();
        TestCluster.install(es);
        int rows = 400;
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(200);
        DataGeneratorSource<FrameRow> source =
                new DataGeneratorSource<>(
                        i -> frame("v", (int) (i / 100), i, 0.5, "text " + i),
                        rows,
                        RateLimiterStrategy.perSecond(300),
                        TypeInformation.of(FrameRow.class));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "frames")
                .map(new FailOnceAfterCheckpoint())
                .sinkTo(ElasticsearchSink.frames(es, ParquetDeadLetters.of(out.toString())));
        env.execute("es at least once");

        assertThat(FAILED).isTrue();
        assertThat(AFTER_FAILURE.get()).isPositive();
        assertThat(TestCluster.count(es, SearchIndex.FRAMES)).isEqualTo(rows);
    }
}
