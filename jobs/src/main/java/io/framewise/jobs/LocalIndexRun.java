package io.framewise.jobs;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.files.LocalKeyframeStore;
import io.framewise.connectors.parquet.ParquetSinks;
import io.framewise.connectors.parquet.Tables;
import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.Aggregation;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.job.IndexVideosJob;
import io.framewise.pipeline.job.Outputs;
import io.framewise.pipeline.job.VideoRef;
import io.framewise.pipeline.scores.ScoringConfig;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.text.OcrConfig;
import io.framewise.udfs.aggregate.KMeansShotClusterer;
import io.framewise.udfs.aggregate.ShotSequenceMatcher;
import io.framewise.udfs.aggregate.VideoSummaries;
import io.framewise.udfs.embed.DjlImageEmbedder;
import io.framewise.udfs.embed.DjlRuntime;
import io.framewise.udfs.embed.DjlTextEmbedder;
import io.framewise.udfs.enrich.OpenAiFrameDescriber;
import io.framewise.udfs.scores.OpenCvFrameScorer;
import io.framewise.udfs.shots.FfmpegKeyframeExtractor;
import io.framewise.udfs.shots.FfmpegShotDetector;
import io.framewise.udfs.text.TesseractRecognizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires the indexing job for a local run: the given videos as a bounded source, the real engines,
 * keyframe JPEGs and the Parquet tables under the output directory, and Elasticsearch when the
 * settings name one ({@code es.url}), on a MiniCluster in this JVM. With {@code llm.url} set,
 * keyframes are also described by the vision LLM there, and the {@code llm_calls} table is written.
 * The bounded source ends with the final watermark, so every cluster window fires at the end.
 */
public final class LocalIndexRun {

    /** Checkpoints commit the Parquet files; a bounded job also commits at its end. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);

    private LocalIndexRun() {}

    /** Starts the job and returns its client; the caller waits for it. */
    public static JobClient start(
            List<VideoRef> videos, Path out, int parallelism, Properties settings)
            throws Exception {
        ShotDetectionConfig shots = ShotDetectionConfig.from(settings);
        KeyframeConfig keyframes = KeyframeConfig.from(settings);
        OcrConfig ocr = OcrConfig.from(settings);
        AggregateConfig aggregate = AggregateConfig.from(settings);
        EmbeddingConfig embedding = EmbeddingConfig.from(settings);
        ScoringConfig scoring = ScoringConfig.from(settings);
        // Engine, GPU and model files are checked here, before the job starts, with a message
        // naming the setting, rather than as a failing operator.
        DjlRuntime.check(scoring);
        checkModels(embedding, scoring);
        LlmConfig llm = LlmConfig.from(settings);
        if (llm.enabled()) {
            OpenAiFrameDescriber.apiKeySource(llm); // a bad key file stops here, before the job
        }
        ElasticsearchConfig es =
                ElasticsearchConfig.configured(settings)
                        ? ElasticsearchConfig.from(settings)
                        : null;
        // Each decoding subtask decodes one segment at a time: parallelism comes from subtasks.
        ShotDetectionConfig perSubtask = shots.withSegments(Math.max(1, parallelism));

        Configuration conf = new Configuration();
        // A local run that fails should say so at once, not retry forever.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis());

        IndexVideosJob job =
                new IndexVideosJob(
                        FfmpegShotDetector.factory(perSubtask),
                        FfmpegKeyframeExtractor.factory(keyframes, shots),
                        TesseractRecognizer.factory(ocr),
                        LocalKeyframeStore.factory(out.toString(), keyframes.jpegQuality()),
                        scoring(embedding, scoring),
                        new Aggregation(
                                VideoSummaries.factory(aggregate),
                                ShotSequenceMatcher.factory(aggregate),
                                KMeansShotClusterer.factory(aggregate),
                                aggregate));
        if (llm.enabled()) {
            job = job.withEnrichment(OpenAiFrameDescriber.factory(llm), llm);
        }
        Outputs outputs =
                job.build(
                        env.fromData(videos, TypeInformation.of(VideoRef.class))
                                .name("video files")
                                .setParallelism(1));
        String dir = out.toString();
        outputs.videos().sinkTo(ParquetSinks.of(Tables.VIDEOS, dir)).name("videos table");
        outputs.shots().sinkTo(ParquetSinks.of(Tables.SHOTS, dir)).name("shots table");
        outputs.frames().sinkTo(ParquetSinks.of(Tables.FRAMES, dir)).name("frames table");
        outputs.texts().sinkTo(ParquetSinks.of(Tables.TEXTS, dir)).name("texts table");
        outputs.failures().sinkTo(ParquetSinks.of(Tables.FAILURES, dir)).name("failures table");
        outputs.scenes().sinkTo(ParquetSinks.of(Tables.SCENES, dir)).name("scenes table");
        outputs.clusters().sinkTo(ParquetSinks.of(Tables.CLUSTERS, dir)).name("clusters table");
        outputs.clusterMembers()
                .sinkTo(ParquetSinks.of(Tables.CLUSTER_MEMBERS, dir))
                .name("cluster members table");
        if (outputs.llmCalls() != null) {
            outputs.llmCalls()
                    .sinkTo(ParquetSinks.of(Tables.LLM_CALLS, dir))
                    .name("llm_calls table");
        }
        if (es != null) {
            SearchSinks.attach(outputs, es, dir);
        }
        return env.executeAsync("framewise index");
    }

    /** The per-keyframe models and scorers of {@code embedding.*} and {@code scoring.*}. */
    public static IndexVideosJob.Scoring scoring(EmbeddingConfig embedding, ScoringConfig scoring) {
        return new IndexVideosJob.Scoring(
                OpenCvFrameScorer.factory(scoring),
                DjlImageEmbedder.factory(embedding.image(), scoring),
                DjlTextEmbedder.factory(embedding, scoring),
                embedding.batchSize(),
                embedding.batchMaxWait().toMillis());
    }

    /** Loads the configured models once, so that a wrong file or dimension stops the run here. */
    static void checkModels(EmbeddingConfig embedding, ScoringConfig scoring) {
        try (var text = DjlTextEmbedder.factory(embedding, scoring).create();
                var image = DjlImageEmbedder.factory(embedding.image(), scoring).create()) {
            text.dims();
            image.dims();
        }
    }
}
