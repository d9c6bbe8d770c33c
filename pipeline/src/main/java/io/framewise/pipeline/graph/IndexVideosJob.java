package io.framewise.pipeline.graph;

import io.framewise.pipeline.aggregate.Aggregation;
import io.framewise.pipeline.config.VideoTimeoutConfig;
import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.frames.KeyframeStore;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.KeyframesChosen;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.messages.Messages.VideoNews;
import io.framewise.pipeline.metrics.JobCounts;
import io.framewise.pipeline.operators.AssembleVideo;
import io.framewise.pipeline.operators.CollectKeyframes;
import io.framewise.pipeline.operators.CountFailures;
import io.framewise.pipeline.operators.CountRows;
import io.framewise.pipeline.operators.DecodeKeyframes;
import io.framewise.pipeline.operators.DecodeSegment;
import io.framewise.pipeline.operators.EmbedFrames;
import io.framewise.pipeline.operators.MakePreview;
import io.framewise.pipeline.operators.PlanSegments;
import io.framewise.pipeline.operators.ReadKeyframe;
import io.framewise.pipeline.operators.StitchSegments;
import io.framewise.pipeline.operators.Tags;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.scores.FrameScorer;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpeechExtractor;
import io.framewise.pipeline.speech.Transcriber;
import io.framewise.pipeline.stages.KeyframeReader;
import io.framewise.pipeline.text.TextRecognizer;
import io.framewise.pipeline.video.PreviewMaker;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The indexing job's graph: video references in, the {@code videos}, {@code shots}, {@code frames},
 * {@code texts}, {@code scenes}, {@code clusters}, {@code cluster_members} and {@code failures}
 * tables out (and {@code llm_calls} with frame description on, {@code transcripts} and {@code
 * speech_calls} with speech on).
 *
 * <p>The caller passes the source stream in and attaches the sinks to the returned {@link Outputs},
 * so tests run the same graph with bounded sources, fake engines and collecting sinks. Engines come
 * as serializable factories and are opened once per parallel instance. Every operator is named;
 * stateful ones have the stable uids below, so savepoints survive changes.
 */
public final class IndexVideosJob implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String UID_PLAN = "plan-segments";
    public static final String UID_DECODE = "decode-segment";
    public static final String UID_STITCH = "stitch-segments";
    public static final String UID_DECODE_KEYFRAMES = "decode-keyframes";
    public static final String UID_COLLECT_KEYFRAMES = "collect-keyframes";
    public static final String UID_READ = "read-keyframe";
    public static final String UID_ASSEMBLE = "assemble-video";
    public static final String UID_SUMMARIZE = "summarize-video";
    public static final String UID_DUPLICATES = "find-duplicate-videos";
    public static final String UID_CLUSTER = "cluster-shots";
    public static final String UID_EMBED = "embed-frames";
    public static final String UID_ASSEMBLE_WITH_SPEECH = "assemble-video-with-speech";

    /** Uid of the step that hands each video's speech to the assembly's second input. */
    public static final String UID_SPEECH_NEWS = "speech-to-assembly";

    public static final String UID_PREVIEW = "make-preview";

    /**
     * The models and scorers of the per-keyframe stages.
     *
     * @param scorers scores chosen keyframes (colour, text coverage, faces)
     * @param images embeds keyframe pictures
     * @param texts embeds the frames rows' text, in micro-batches
     * @param batchSize texts embedded at once, at most
     * @param batchMaxWaitMillis a batch waits at most this long for more rows
     */
    public record Scoring(
            FrameScorer.Factory scorers,
            ImageEmbedder.Factory images,
            Embedder.Factory texts,
            int batchSize,
            long batchMaxWaitMillis)
            implements Serializable {}

    public static final String UID_CLAIM = "claim-description";
    public static final String UID_DESCRIBE = "describe-keyframe";
    public static final String UID_SHARE = "share-description";
    public static final String UID_DESCRIBE_ORPHANS = "describe-orphaned-keyframe";
    public static final String UID_RECORD_ENRICHMENT = "record-enrichment";
    public static final String UID_COUNT_FAILURES = "count-failures";
    public static final String UID_COUNT_VIDEOS = "count-videos";
    public static final String UID_COUNT_SHOTS = "count-shots";
    public static final String UID_COUNT_KEYFRAMES = "count-keyframes";
    // Stateless, but named in every graph so that the operators, their metrics and a savepoint's
    // mapping never depend on generated ids.
    public static final String UID_DESCRIPTION_FOLLOWERS = "description-followers";
    public static final String UID_SHOT_EVENT_TIME = "shot-event-time";
    public static final String UID_LATE_SHOTS = "late-shots";

    private final ShotDetector.Factory detectors;
    private final KeyframeExtractor.Factory extractors;
    private final TextRecognizer.Factory recognizers;
    private final KeyframeStore.Factory stores;
    private final Scoring scoring;
    private FrameDescriber.Factory describers;
    private LlmConfig llm;
    private final Aggregation aggregation;
    private VideoFetcher.Factory fetchers;
    private Speech speech;
    private Duration videoTimeout;
    private Previews previews;

    // The stages above that are optional or have defaults are set by the with... methods, each on
    // a copy: an IndexVideosJob never changes once another holds it.

    /**
     * Preview renditions of the videos browsers cannot play as they are ({@link MakePreview}).
     *
     * @param makers make them
     * @param root where they go: {@code root/{video_id}.mp4}, on any file system Flink reads
     */
    public record Previews(PreviewMaker.Factory makers, String root) implements Serializable {}

    /**
     * The speech stage's engines and settings.
     *
     * @param extractors find and cut the speech in a video's audio
     * @param transcribers transcribe its chunks
     */
    public record Speech(
            SpeechExtractor.Factory extractors,
            Transcriber.Factory transcribers,
            SpeechConfig config)
            implements Serializable {}

    /** The job over local files only. */
    public IndexVideosJob(
            ShotDetector.Factory detectors,
            KeyframeExtractor.Factory extractors,
            TextRecognizer.Factory recognizers,
            KeyframeStore.Factory stores,
            Scoring scoring,
            Aggregation aggregation) {
        this.detectors = detectors;
        this.extractors = extractors;
        this.recognizers = recognizers;
        this.stores = stores;
        this.scoring = scoring;
        this.aggregation = aggregation;
        this.fetchers = VideoFetcher.localFiles();
        this.videoTimeout = VideoTimeoutConfig.DEFAULTS.videoTimeout();
    }

    /** A copy of this job, for a with... method to change. */
    private IndexVideosJob copy() {
        IndexVideosJob c =
                new IndexVideosJob(
                        detectors, extractors, recognizers, stores, scoring, aggregation);
        c.fetchers = fetchers;
        c.describers = describers;
        c.llm = llm;
        c.speech = speech;
        c.videoTimeout = videoTimeout;
        c.previews = previews;
        return c;
    }

    /**
     * This job over videos that {@code fetchers} make local (object storage, HTTP) rather than
     * local files only.
     */
    public IndexVideosJob withFetchers(VideoFetcher.Factory fetchers) {
        IndexVideosJob c = copy();
        c.fetchers = fetchers;
        return c;
    }

    /**
     * This job with speech: each video's audio is transcribed beside the visual stages ({@link
     * TranscribeSpeech}), and its transcript joins the rows in {@link AssembleVideo}; {@link
     * Outputs#transcripts()} and {@link Outputs#speechCalls()} carry the new tables.
     */
    public IndexVideosJob withSpeech(Speech speech) {
        IndexVideosJob c = copy();
        c.speech = speech;
        return c;
    }

    /**
     * This job with frame description: keyframes are described by a vision LLM between OCR and
     * assembly ({@link EnrichKeyframes}), and {@link Outputs#llmCalls()} carries the calls.
     */
    public IndexVideosJob withEnrichment(FrameDescriber.Factory describers, LlmConfig llm) {
        IndexVideosJob c = copy();
        c.describers = describers;
        c.llm = llm;
        return c;
    }

    /**
     * This job with {@code config}'s video timeout rather than the default: how long the per-video
     * operators wait for a video's next part before they give it up as {@code failed} ({@code
     * incomplete}) and clear its state.
     */
    public IndexVideosJob withVideoTimeout(VideoTimeoutConfig config) {
        IndexVideosJob c = copy();
        c.videoTimeout = config.videoTimeout();
        return c;
    }

    /**
     * This job with preview renditions: each video browsers cannot play as it is gets a small MP4
     * beside the keyframes, made on a branch of its own that no table waits for.
     */
    public IndexVideosJob withPreviews(Previews previews) {
        IndexVideosJob c = copy();
        c.previews = previews;
        return c;
    }

    /** Builds the graph on {@code videos}; the result's streams still need sinks. */
    public Outputs build(DataStream<VideoRef> videos) {
        // 1. Fetch, probe and plan, keyed by video: bad input becomes failure rows here.
        SingleOutputStreamOperator<SegmentTask> planned =
                videos.keyBy(VideoRef::videoId)
                        .process(new PlanSegments(detectors, fetchers))
                        .name("plan segments")
                        .uid(UID_PLAN);
        // 2. Decode segments on all subtasks: a long video's segments spread over the cluster.
        SingleOutputStreamOperator<SegmentDone> decoded =
                planned.rebalance()
                        .process(new DecodeSegment(detectors, fetchers))
                        .name("decode segment")
                        .uid(UID_DECODE);
        // 3. Stitch, keyed by video, into shots; the keyframe work is split by segment again.
        SingleOutputStreamOperator<KeyframeWorkTask> stitched =
                decoded.keyBy(done -> done.video().videoId())
                        .process(new StitchSegments(detectors, extractors, videoTimeout))
                        .name("stitch shots")
                        .uid(UID_STITCH);
        // 4. Keyframes: chosen at stitching from the candidates the decoding measured; for a
        // video without them, each part decoded again on any subtask and the parts collected per
        // video. Then per keyframe, in parallel, what needs its pixels: text, scores, image
        // vector, the stored JPEG.
        SingleOutputStreamOperator<KeyframesChosen> chosen =
                stitched.rebalance()
                        .process(new DecodeKeyframes(extractors, fetchers))
                        .name("decode keyframes")
                        .uid(UID_DECODE_KEYFRAMES);
        SingleOutputStreamOperator<KeyframeTask> collected =
                chosen.keyBy(part -> part.video().videoId())
                        .process(new CollectKeyframes(extractors, videoTimeout))
                        .name("collect keyframes")
                        .uid(UID_COLLECT_KEYFRAMES);
        DataStream<KeyframeTask> keyframes =
                collected.union(stitched.getSideOutput(Tags.CHOSEN_KEYFRAMES));
        SingleOutputStreamOperator<KeyframeDone> read =
                keyframes
                        .rebalance()
                        .process(
                                new ReadKeyframe(
                                        recognizers,
                                        stores,
                                        scoring.scorers(),
                                        scoring.images(),
                                        llmImage()))
                        .name("ocr, score and store keyframe")
                        .uid(UID_READ);
        // 5. With enrichment on, describe each keyframe with a vision LLM (async, cached).
        DataStream<KeyframeDone> toAssemble = read;
        EnrichKeyframes.Result enriched = null;
        if (describers != null) {
            enriched = EnrichKeyframes.apply(read, describers, llm);
            toAssemble = enriched.keyframes();
        }
        // 6. Assemble each video's rows once all its keyframes and its news are in: what stitching
        // tells of it (its shots, its final keyframes) and, with speech on, what is said in it,
        // transcribed beside the visual stages.
        DataStream<VideoNews> news = stitched.getSideOutput(Tags.STITCHED);
        TranscribeSpeech.Result spoken = null;
        if (speech != null) {
            spoken =
                    TranscribeSpeech.apply(
                            videos,
                            speech.extractors(),
                            speech.transcribers(),
                            speech.config(),
                            fetchers,
                            videoTimeout);
            news =
                    news.union(
                            spoken.speech()
                                    .map(VideoNews::of)
                                    .returns(TypeInformation.of(VideoNews.class))
                                    .name("speech to assembly")
                                    .uid(UID_SPEECH_NEWS));
        }
        SingleOutputStreamOperator<VideoRow> assembled =
                toAssemble
                        .keyBy(done -> done.video().videoId())
                        .connect(news.keyBy(VideoNews::videoId))
                        .process(new AssembleVideo(videoTimeout, speech != null))
                        .name("assemble video")
                        .uid(speech == null ? UID_ASSEMBLE : UID_ASSEMBLE_WITH_SPEECH);
        // With previews on, each video indexed ok (and only those) gets one, on a branch that no
        // table waits for.
        if (previews != null) {
            assembled
                    .rebalance()
                    .process(new MakePreview(fetchers, previews.makers(), previews.root()))
                    .name("make preview")
                    .uid(UID_PREVIEW)
                    .sinkTo(new DiscardingSink<>())
                    .name("previews made")
                    .uid(UID_PREVIEW + "-done");
        }
        // 7. Embed the frames rows' text in micro-batches, on all subtasks.
        SingleOutputStreamOperator<FrameRow> frames =
                assembled
                        .getSideOutput(Tags.FRAMES)
                        .rebalance()
                        .transform(
                                "embed frame text",
                                TypeInformation.of(FrameRow.class),
                                new EmbedFrames(
                                        scoring.texts(),
                                        scoring.batchSize(),
                                        scoring.batchMaxWaitMillis()))
                        .uid(UID_EMBED);

        // 8. Aggregate: scenes and a summary per video, near-duplicates and clusters of shots
        // per organisation (event-time windows). The summarised rows are the videos' final rows.
        AggregateStep.Aggregated aggregated =
                AggregateStep.attach(
                        assembled,
                        assembled.getSideOutput(Tags.SHOT_FEATURES),
                        aggregation,
                        videoTimeout);

        DataStream<VideoRow> videoRows =
                aggregated
                        .videos()
                        .union(
                                planned.getSideOutput(Tags.FAILED_VIDEOS),
                                stitched.getSideOutput(Tags.FAILED_VIDEOS),
                                collected.getSideOutput(Tags.FAILED_VIDEOS),
                                assembled.getSideOutput(Tags.FAILED_VIDEOS));
        DataStream<FailureRow> failures =
                planned.getSideOutput(Tags.FAILURES)
                        .union(
                                stitched.getSideOutput(Tags.FAILURES),
                                collected.getSideOutput(Tags.FAILURES),
                                read.getSideOutput(Tags.FAILURES),
                                assembled.getSideOutput(Tags.FAILURES),
                                frames.getSideOutput(Tags.FAILURES),
                                aggregated.failures());
        DataStream<LlmCallRow> llmCalls = null;
        if (enriched != null) {
            failures = failures.union(enriched.failures());
            llmCalls = enriched.llmCalls();
        }
        if (spoken != null) {
            failures = failures.union(spoken.failures());
        }
        // Every failure row is counted once on its way out (metric framewise.errors).
        DataStream<FailureRow> counted =
                failures.map(new CountFailures()).name("count failures").uid(UID_COUNT_FAILURES);
        // The rows leaving for the tables are what the command line's progress counts (JobCounts).
        return new Outputs(
                videoRows
                        .map(
                                CountRows.<VideoRow>as(
                                        JobCounts.VIDEOS_INDEXED,
                                        JobCounts.VIDEOS_FAILED,
                                        v -> "failed".equals(v.status())))
                        .name("count videos")
                        .uid(UID_COUNT_VIDEOS),
                assembled
                        .getSideOutput(Tags.SHOTS)
                        .map(CountRows.<ShotRow>as(JobCounts.SHOTS))
                        .name("count shots")
                        .uid(UID_COUNT_SHOTS),
                frames.map(CountRows.<FrameRow>as(JobCounts.KEYFRAMES))
                        .name("count keyframes")
                        .uid(UID_COUNT_KEYFRAMES),
                assembled.getSideOutput(Tags.TEXTS),
                counted,
                llmCalls,
                aggregated.scenes(),
                aggregated.clusters(),
                aggregated.clusterMembers(),
                spoken == null ? null : assembled.getSideOutput(Tags.TRANSCRIPTS),
                spoken == null ? null : spoken.speechCalls());
    }

    private KeyframeReader.LlmImage llmImage() {
        return describers == null
                ? null
                : new KeyframeReader.LlmImage(llm.imageMaxWidth(), llm.imageJpegQuality());
    }
}
