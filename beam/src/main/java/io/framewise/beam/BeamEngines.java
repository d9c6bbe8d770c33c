package io.framewise.beam;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.source.SourceConfig;
import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.ShotClusterer;
import io.framewise.pipeline.aggregate.VideoMatcher;
import io.framewise.pipeline.aggregate.VideoSummarizer;
import io.framewise.pipeline.config.Settings;
import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.frames.KeyframeStore;
import io.framewise.pipeline.scores.FrameScorer;
import io.framewise.pipeline.scores.ScoringConfig;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.stages.KeyframeReader;
import io.framewise.pipeline.text.OcrConfig;
import io.framewise.pipeline.text.TextRecognizer;
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
import io.framewise.udfs.text.TesseractRecognizer;
import java.io.Serializable;
import java.util.Properties;

/**
 * The engines of the Beam backfill: the same serializable factories, from the same configuration
 * keys, as the Flink job's {@code Engines}, so both engines index a video alike. Each DoFn opens
 * the engines it needs from these in {@code @Setup} and closes them in {@code @Teardown}.
 *
 * @param aggregate the cluster windows and memory ({@code aggregate.clusters.*})
 * @param sources which file names a listing takes for videos ({@code sources.video-extensions})
 * @param es the search indices, as the Flink jobs' {@code es.*} keys; null when {@code es.url} is
 *     not set (no Elasticsearch output)
 * @param describers the vision LLM that describes keyframes, as the Flink job's; null when {@code
 *     llm.url} is not set (no descriptions, no {@code llm_calls})
 * @param llm the {@code llm.*} settings (read and checked even when frame description is off)
 */
public record BeamEngines(
        ShotDetector.Factory detectors,
        KeyframeExtractor.Factory extractors,
        TextRecognizer.Factory recognizers,
        KeyframeStore.Factory stores,
        FrameScorer.Factory scorers,
        ImageEmbedder.Factory images,
        Embedder.Factory texts,
        int batchSize,
        VideoSummarizer.Factory summarizers,
        VideoMatcher.Factory matchers,
        ShotClusterer.Factory clusterers,
        AggregateConfig aggregate,
        VideoFetcher.Factory fetchers,
        SourceConfig sources,
        ElasticsearchConfig es,
        FrameDescriber.Factory describers,
        LlmConfig llm)
        implements Serializable {

    /**
     * The engines of {@code props} (Framewise keys; absent ones take their defaults), keyframe
     * pictures under {@code out}. Model files and the runtime are checked here, before the pipeline
     * runs, with a message naming the setting.
     *
     * @param out the output root: a local directory or a URI of a Beam file system ({@code
     *     s3://bucket/run} with Beam's AWS file system)
     */
    public static BeamEngines of(Properties props, String out) {
        ShotDetectionConfig shots = ShotDetectionConfig.from(props);
        KeyframeConfig keyframes = KeyframeConfig.from(props);
        EmbeddingConfig embedding = EmbeddingConfig.from(props);
        ScoringConfig scoring = ScoringConfig.from(props);
        AggregateConfig aggregate = AggregateConfig.from(props);
        LlmConfig llm = LlmConfig.from(props);
        DjlRuntime.check(scoring);
        Embedder.Factory texts = DjlTextEmbedder.factory(embedding, scoring);
        ImageEmbedder.Factory images = DjlImageEmbedder.factory(embedding.image(), scoring);
        try (var text = texts.create();
                var image = images.create()) {
            text.dims();
            image.dims();
        }
        return new BeamEngines(
                FfmpegShotDetector.capturing(shots, keyframes),
                FfmpegKeyframeExtractor.factory(keyframes, shots),
                TesseractRecognizer.factory(OcrConfig.from(props)),
                BeamKeyframeStore.forOutput(out, keyframes.jpegQuality()),
                OpenCvFrameScorer.factory(scoring),
                images,
                texts,
                embedding.batchSize(),
                VideoSummaries.factory(aggregate),
                ShotSequenceMatcher.factory(aggregate),
                KMeansShotClusterer.factory(aggregate),
                aggregate,
                BeamFileFetcher.factory(),
                SourceConfig.from(props),
                search(props),
                describers(llm),
                llm);
    }

    /**
     * The picture {@code ReadKeyframeFn} makes for the vision LLM, as the Flink job's {@code
     * ReadKeyframe}; null when frame description is off.
     */
    public KeyframeReader.LlmImage llmImage() {
        return describers == null
                ? null
                : new KeyframeReader.LlmImage(llm.imageMaxWidth(), llm.imageJpegQuality());
    }

    /** The describer of {@code llm}, as the Flink jobs' {@code Engines} makes it; null when off. */
    private static FrameDescriber.Factory describers(LlmConfig llm) {
        if (!llm.enabled()) {
            return null;
        }
        OpenAiFrameDescriber.apiKeySource(llm); // a bad key file stops here, before the pipeline
        return OpenAiFrameDescriber.factory(llm);
    }

    /** The {@code es.*} settings when {@code es.url} is set, as the Flink jobs read them. */
    private static ElasticsearchConfig search(Properties props) {
        if (ElasticsearchConfig.configured(props)) {
            return ElasticsearchConfig.from(props);
        }
        Settings.of(props, "es.", ElasticsearchConfig.KEYS); // a typo fails without a URL too
        return null;
    }
}
