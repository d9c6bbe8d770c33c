package io.framewise.jobs;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.files.FileSystemKeyframeStore;
import io.framewise.connectors.parquet.ParquetSinks;
import io.framewise.connectors.parquet.Table;
import io.framewise.connectors.parquet.Tables;
import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.Aggregation;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.graph.IndexVideosJob;
import io.framewise.pipeline.graph.Outputs;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.scores.ScoringConfig;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.text.OcrConfig;
import io.framewise.pipeline.video.VideoFetcher;
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
import io.framewise.udfs.speech.FfmpegSpeechExtractor;
import io.framewise.udfs.speech.OpenAiTranscriber;
import io.framewise.udfs.text.TesseractRecognizer;
import java.util.Properties;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The one place that turns settings into the indexing job's engines and attaches its sinks, for
 * every entry point (local index, backfill, streaming), so they all run the same graph and write
 * the same tables and indices.
 */
public final class IndexPipeline {

    /** Stable uids of the table sinks (their pending files are in checkpoints). */
    public static final String UID_SINK_PREFIX = "table-";

    private IndexPipeline() {}

    /**
     * The indexing job with the real engines. Engine, GPU, model files and the LLM's key are
     * checked here, before the job starts, with a message naming the setting, rather than as a
     * failing operator.
     *
     * @param settings {@code shots.*}, {@code keyframes.*}, {@code ocr.*}, {@code embedding.*},
     *     {@code scoring.*}, {@code aggregate.*}, {@code llm.*} and {@code speech.*} settings
     * @param out the output root (a local directory or a URI such as {@code s3://bucket/run}),
     *     where the keyframe pictures go
     * @param fetchers how the videos' bytes become local files
     */
    public static IndexVideosJob job(
            Properties settings, String out, VideoFetcher.Factory fetchers) {
        ShotDetectionConfig shots = ShotDetectionConfig.from(settings);
        KeyframeConfig keyframes = KeyframeConfig.from(settings);
        OcrConfig ocr = OcrConfig.from(settings);
        AggregateConfig aggregate = AggregateConfig.from(settings);
        EmbeddingConfig embedding = EmbeddingConfig.from(settings);
        ScoringConfig scoring = ScoringConfig.from(settings);
        DjlRuntime.check(scoring);
        checkModels(embedding, scoring);
        LlmConfig llm = LlmConfig.from(settings);
        if (llm.enabled()) {
            OpenAiFrameDescriber.apiKeySource(llm); // a bad key file stops here, before the job
        }
        // Each decoding subtask decodes one segment at a time: parallelism comes from subtasks.
        // How a video is cut into segments depends on the video alone (shots.segment-seconds),
        // so the results are the same for any parallelism. Segments measure keyframe candidates
        // as they decode, so a video is decoded once.
        IndexVideosJob job =
                new IndexVideosJob(
                                FfmpegShotDetector.capturing(shots, keyframes),
                                FfmpegKeyframeExtractor.factory(keyframes, shots),
                                TesseractRecognizer.factory(ocr),
                                FileSystemKeyframeStore.forOutput(out, keyframes.jpegQuality()),
                                scoring(embedding, scoring),
                                new Aggregation(
                                        VideoSummaries.factory(aggregate),
                                        ShotSequenceMatcher.factory(aggregate),
                                        KMeansShotClusterer.factory(aggregate),
                                        aggregate))
                        .withFetchers(fetchers);
        if (llm.enabled()) {
            job = job.withEnrichment(OpenAiFrameDescriber.factory(llm), llm);
        }
        SpeechConfig speech = SpeechConfig.from(settings);
        if (speech.enabled()) {
            OpenAiTranscriber.apiKeySource(speech); // a bad key file stops here, before the job
            job =
                    job.withSpeech(
                            new IndexVideosJob.Speech(
                                    FfmpegSpeechExtractor.factory(speech),
                                    OpenAiTranscriber.factory(speech),
                                    speech));
        }
        return job;
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

    /**
     * Writes the tables under {@code out}: the job's outputs, and failure rows from elsewhere (the
     * sources' malformed events) into the same {@code failures} table; and, when {@code settings}
     * name an Elasticsearch ({@code es.url}), the search indices beside them.
     */
    public static void sinks(
            Outputs outputs, DataStream<FailureRow> moreFailures, String out, Properties settings) {
        DataStream<FailureRow> failures =
                moreFailures == null ? outputs.failures() : outputs.failures().union(moreFailures);
        table(outputs.videos(), Tables.VIDEOS, out);
        table(outputs.shots(), Tables.SHOTS, out);
        table(outputs.frames(), Tables.FRAMES, out);
        table(outputs.texts(), Tables.TEXTS, out);
        table(failures, Tables.FAILURES, out);
        table(outputs.scenes(), Tables.SCENES, out);
        table(outputs.clusters(), Tables.CLUSTERS, out);
        table(outputs.clusterMembers(), Tables.CLUSTER_MEMBERS, out);
        if (outputs.llmCalls() != null) {
            table(outputs.llmCalls(), Tables.LLM_CALLS, out);
        }
        if (outputs.transcripts() != null) {
            table(outputs.transcripts(), Tables.TRANSCRIPTS, out);
            table(outputs.speechCalls(), Tables.SPEECH_CALLS, out);
        }
        if (ElasticsearchConfig.configured(settings)) {
            SearchSinks.attach(outputs, ElasticsearchConfig.from(settings), out);
        }
    }

    /** One table's sink, named and with a stable uid after the table. */
    private static <T> void table(DataStream<T> rows, Table<T> table, String out) {
        rows.sinkTo(ParquetSinks.of(table, out))
                .name(table.name() + " table")
                .uid(UID_SINK_PREFIX + table.name());
    }
}
