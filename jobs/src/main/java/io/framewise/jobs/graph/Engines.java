package io.framewise.jobs.graph;

import io.framewise.connectors.files.FileSystemKeyframeStore;
import io.framewise.connectors.source.ObjectStoreFetcher;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.Aggregation;
import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.graph.IndexVideosJob;
import io.framewise.pipeline.scores.ScoringConfig;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.udfs.aggregate.KMeansShotClusterer;
import io.framewise.udfs.aggregate.ShotSequenceMatcher;
import io.framewise.udfs.aggregate.VideoSummaries;
import io.framewise.udfs.embed.DjlImageEmbedder;
import io.framewise.udfs.embed.DjlRuntime;
import io.framewise.udfs.embed.DjlTextEmbedder;
import io.framewise.udfs.enrich.OpenAiFrameDescriber;
import io.framewise.udfs.preview.FfmpegPreviewMaker;
import io.framewise.udfs.scores.OpenCvFrameScorer;
import io.framewise.udfs.shots.FfmpegKeyframeExtractor;
import io.framewise.udfs.shots.FfmpegShotDetector;
import io.framewise.udfs.speech.FfmpegSpeechExtractor;
import io.framewise.udfs.speech.OpenAiTranscriber;
import io.framewise.udfs.text.TesseractRecognizer;

/**
 * The real engines of the indexing job, from the typed configuration: every factory the graph's
 * operators open, and where the videos' bytes and the keyframe pictures come from and go.
 */
public final class Engines {

    private Engines() {}

    /**
     * The indexing graph with the real engines. Engine, GPU, model files and the API keys are
     * checked here, before the job starts, with a message naming the setting, rather than as a
     * failing operator.
     *
     * @param out the output root (a local directory or a URI such as {@code s3://bucket/run}),
     *     where the keyframe pictures go
     */
    public static IndexVideosJob of(FramewiseConfig config, String out) {
        checkModels(config);
        return withoutModelCheck(config, out);
    }

    /**
     * {@link #of} without loading the models first: for a caller that runs {@link
     * #checkModels(FramewiseConfig)} alongside the job's start and stops the job when it fails.
     */
    public static IndexVideosJob withoutModelCheck(FramewiseConfig config, String out) {
        ShotDetectionConfig shots = config.shots();
        KeyframeConfig keyframes = config.keyframes();
        AggregateConfig aggregate = config.aggregate();
        DjlRuntime.check(config.scoring());
        // Each decoding subtask decodes one segment at a time: parallelism comes from subtasks.
        // How a video is cut into segments depends on the video alone (shots.segment-seconds),
        // so the results are the same for any parallelism. Segments measure keyframe candidates
        // as they decode, so a video is decoded once.
        IndexVideosJob job =
                new IndexVideosJob(
                                FfmpegShotDetector.capturing(shots, keyframes),
                                FfmpegKeyframeExtractor.factory(keyframes, shots),
                                TesseractRecognizer.factory(config.ocr()),
                                FileSystemKeyframeStore.forOutput(out, keyframes.jpegQuality()),
                                scoring(config.embedding(), config.scoring()),
                                new Aggregation(
                                        VideoSummaries.factory(aggregate),
                                        ShotSequenceMatcher.factory(aggregate),
                                        KMeansShotClusterer.factory(aggregate),
                                        aggregate))
                        // Local files are read where they lie; anything else is fetched.
                        .withFetchers(ObjectStoreFetcher.factory(config.sources()))
                        .withVideoTimeout(config.job());
        LlmConfig llm = config.llm();
        if (llm.enabled()) {
            OpenAiFrameDescriber.apiKeySource(llm); // a bad key file stops here, before the job
            job = job.withEnrichment(OpenAiFrameDescriber.factory(llm), llm);
        }
        if (config.preview().enabled()) {
            job =
                    job.withPreviews(
                            new IndexVideosJob.Previews(
                                    FfmpegPreviewMaker.factory(config.preview()), previews(out)));
        }
        SpeechConfig speech = config.speech();
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

    /** Where the previews go: {@code previews/} in the output root, beside {@code keyframes/}. */
    public static String previews(String out) {
        return out.endsWith("/") ? out + "previews" : out + "/previews";
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

    /**
     * Loads the configured models once, so that a wrong file or dimension stops the run with a
     * message naming the setting rather than as a failing operator.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static void checkModels(FramewiseConfig config) {
        openModels(config).close();
    }

    /**
     * {@link #checkModels}, keeping the models loaded until the result is closed: a local run holds
     * them while its job runs, so that the job's operators in this JVM take the same sessions
     * instead of loading the files again (the sessions are shared within a JVM).
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static LoadedModels openModels(FramewiseConfig config) {
        Embedder text = DjlTextEmbedder.factory(config.embedding(), config.scoring()).create();
        try {
            ImageEmbedder image =
                    DjlImageEmbedder.factory(config.embedding().image(), config.scoring()).create();
            text.dims();
            image.dims();
            return new LoadedModels(text, image);
        } catch (RuntimeException e) {
            text.close();
            throw e;
        }
    }

    /** Models loaded by {@link #openModels}; closing releases them. */
    public record LoadedModels(Embedder text, ImageEmbedder image) implements AutoCloseable {

        @Override
        public void close() {
            try {
                image.close();
            } finally {
                text.close();
            }
        }
    }
}
