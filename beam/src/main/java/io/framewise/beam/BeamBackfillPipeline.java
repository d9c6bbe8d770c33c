package io.framewise.beam;

import io.framewise.connectors.parquet.Tables;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.KeyframesChosen;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.ClusterRow;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.stages.FrameDescribing;
import io.framewise.pipeline.video.VideoRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The bulk backfill as an Apache Beam pipeline: the videos under a prefix in, the Flink job's
 * {@code videos}, {@code shots}, {@code frames}, {@code texts}, {@code scenes}, {@code clusters},
 * {@code cluster_members} and {@code failures} tables out, in the same layout and schemas, and the
 * search indices when {@code es.url} is set; with {@code llm.url} set, keyframes described by the
 * vision LLM and the {@code llm_calls} table, as the Flink job's frame description.
 *
 * <p>Each step is a DoFn over the same engine-neutral stage logic as the Flink operators ({@code
 * io.framewise.pipeline.stages}); where a Flink operator keeps a video's parts in keyed state until
 * all are in, the pipeline groups them by video ({@code GroupByKey}), which in a batch is complete
 * by construction. Segments, keyframe work and keyframes are spread over workers with {@code
 * Reshuffle}. Every failure is a row: a dead-letter output of each step into {@code failures}, and
 * a {@code failed} row in {@code videos} for a video that cannot be indexed.
 *
 * <p>Nothing here names a runner: {@code --runner} picks it (the direct runner by default).
 */
public final class BeamBackfillPipeline {

    private BeamBackfillPipeline() {}

    /**
     * The options of {@code args}, validated: this pipeline's, the S3 file system's ({@code
     * --endpoint}, {@code --s3ClientFactoryClass}, ...) and the runner's.
     */
    public static BackfillOptions options(String... args) {
        PipelineOptionsFactory.register(BackfillOptions.class);
        PipelineOptionsFactory.register(S3Options.class);
        return PipelineOptionsFactory.fromArgs(args).withValidation().as(BackfillOptions.class);
    }

    /** A pipeline over {@code options}, with the engines of its settings. */
    public static Pipeline create(BackfillOptions options) {
        Pipeline pipeline = Pipeline.create(options);
        build(pipeline, BeamEngines.of(settings(options), options.getOutput()), options);
        return pipeline;
    }

    /** The Framewise settings of {@code options}: its config file, then its typed options. */
    static Properties settings(BackfillOptions options) {
        Properties props = new Properties();
        if (options.getConfigFile() != null) {
            try (InputStream in = Files.newInputStream(Path.of(options.getConfigFile()))) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + options.getConfigFile(), e);
            }
        }
        List<String> settings = options.getSettings();
        if (settings != null) {
            String key = null;
            for (String s : settings) {
                int eq = s.indexOf('=');
                if (eq > 0) {
                    key = s.substring(0, eq).trim();
                    props.setProperty(key, s.substring(eq + 1).trim());
                } else if (key != null) {
                    // Beam splits a list option at every comma: a piece without a key continues
                    // the value before it (sources.video-extensions=mp4,mkv).
                    props.setProperty(key, props.getProperty(key) + "," + s.trim());
                } else {
                    throw new IllegalArgumentException("a setting is key=value, got '" + s + "'");
                }
            }
        }
        if (options.getSegmentsPerVideo() != null) {
            props.setProperty("shots.segments", String.valueOf(options.getSegmentsPerVideo()));
        }
        if (options.getEmbeddingBatchSize() != null) {
            props.setProperty("embedding.batch.size", options.getEmbeddingBatchSize().toString());
        }
        return props;
    }

    /** Adds the backfill to {@code pipeline}. */
    public static void build(Pipeline pipeline, BeamEngines engines, BackfillOptions options) {
        String input = options.getInput().replaceAll("/+$", "");
        String out = options.getOutput();

        // 1. Match the videos under the prefix; plan each, a bad one becomes failure rows.
        PCollection<VideoRef> videos =
                pipeline.apply("match files", FileIO.match().filepattern(input + "/**"))
                        .apply("videos", ParDo.of(new MatchedVideos(engines.sources(), input)))
                        .setCoder(Outputs.coder(VideoRef.class));
        PCollectionTuple planned =
                videos.apply("spread videos", Reshuffle.viaRandomKey())
                        .apply(
                                "plan segments",
                                ParDo.of(new PlanFn(engines.detectors(), engines.fetchers()))
                                        .withOutputTags(PlanFn.SEGMENTS, deadLetters()));
        // 2. Decode the segments on all workers.
        PCollection<SegmentDone> decoded =
                coded(planned, PlanFn.SEGMENTS, SegmentTask.class)
                        .apply("spread segments", Reshuffle.viaRandomKey())
                        .apply(
                                "decode segment",
                                ParDo.of(
                                        new DecodeSegmentFn(
                                                engines.detectors(), engines.fetchers())))
                        .setCoder(Outputs.coder(SegmentDone.class));
        // 3. Stitch each video's segments into shots; keyframes chosen there, or work for a 2nd
        // decoding pass.
        PCollectionTuple stitched =
                byVideo(decoded, SegmentDone.class, d -> d.video().videoId())
                        .apply(
                                "stitch shots",
                                ParDo.of(new StitchFn(engines.detectors(), engines.extractors()))
                                        .withOutputTags(
                                                StitchFn.CHOSEN, deadLetters().and(StitchFn.WORK)));
        // 4. Keyframes of videos without candidates: each part decoded anywhere, then collected.
        PCollection<KeyframesChosen> parts =
                coded(stitched, StitchFn.WORK, KeyframeWorkTask.class)
                        .apply("spread keyframe work", Reshuffle.viaRandomKey())
                        .apply(
                                "decode keyframes",
                                ParDo.of(
                                        new DecodeKeyframesFn(
                                                engines.extractors(), engines.fetchers())))
                        .setCoder(Outputs.coder(KeyframesChosen.class));
        PCollectionTuple collected =
                byVideo(parts, KeyframesChosen.class, p -> p.video().videoId())
                        .apply(
                                "collect keyframes",
                                ParDo.of(new CollectKeyframesFn(engines.extractors()))
                                        .withOutputTags(
                                                CollectKeyframesFn.KEYFRAMES, deadLetters()));
        // 5. Per keyframe, on all workers: text, scores, image vector, the stored JPEG.
        PCollectionTuple read =
                PCollectionList.of(coded(stitched, StitchFn.CHOSEN, KeyframeTask.class))
                        .and(coded(collected, CollectKeyframesFn.KEYFRAMES, KeyframeTask.class))
                        .apply("all keyframes", Flatten.pCollections())
                        .apply("spread keyframes", Reshuffle.viaRandomKey())
                        .apply(
                                "ocr, score and store keyframe",
                                ParDo.of(
                                                new ReadKeyframeFn(
                                                        engines.recognizers(),
                                                        engines.stores(),
                                                        engines.scorers(),
                                                        engines.images(),
                                                        engines.llmImage()))
                                        .withOutputTags(
                                                ReadKeyframeFn.READ,
                                                TupleTagList.of(Outputs.FAILURES)));
        // 5b. With frame description on, the keyframes of one description cache key together (the
        // Flink job's claim and share operators are keyed by it): one asks, the others share.
        PCollection<KeyframeDone> toAssemble = coded(read, ReadKeyframeFn.READ, KeyframeDone.class);
        PCollectionTuple described = null;
        if (engines.describers() != null) {
            FrameDescribing describing = FrameDescribing.of(engines.describers());
            Integer instances = options.getLlmInstances();
            described =
                    keyed(toAssemble, KeyframeDone.class, k -> describing.cacheKey(k))
                            .apply("group keyframes by description", GroupByKey.create())
                            .apply(
                                    "describe keyframes",
                                    ParDo.of(
                                                    new DescribeKeyframesFn(
                                                            engines.describers(),
                                                            engines.llm(),
                                                            instances == null ? 1 : instances))
                                            .withOutputTags(
                                                    DescribeKeyframesFn.DESCRIBED,
                                                    TupleTagList.of(DescribeKeyframesFn.LLM_CALLS)
                                                            .and(Outputs.FAILURES)));
            toAssemble = coded(described, DescribeKeyframesFn.DESCRIBED, KeyframeDone.class);
        }
        // 6. Each video's rows, from all its keyframes.
        PCollectionTuple assembled =
                byVideo(toAssemble, KeyframeDone.class, k -> k.video().videoId())
                        .apply(
                                "assemble video",
                                ParDo.of(new AssembleFn())
                                        .withOutputTags(
                                                AssembleFn.VIDEOS,
                                                TupleTagList.of(AssembleFn.SHOTS)
                                                        .and(AssembleFn.FRAMES)
                                                        .and(AssembleFn.TEXTS)
                                                        .and(AssembleFn.SHOT_FEATURES)));
        PCollection<ShotFeatures> shotFeatures =
                coded(assembled, AssembleFn.SHOT_FEATURES, ShotFeatures.class);
        // 7. The frames rows' text embedded in micro-batches.
        PCollectionTuple embedded =
                coded(assembled, AssembleFn.FRAMES, FrameRow.class)
                        .apply(
                                "embed frame text",
                                ParDo.of(new EmbedFramesFn(engines.texts(), engines.batchSize()))
                                        .withOutputTags(
                                                EmbedFramesFn.EMBEDDED,
                                                TupleTagList.of(Outputs.FAILURES)));
        // 8. Scenes and a summary per video, then near-duplicates per organisation.
        PCollectionTuple summarized =
                KeyedPCollectionTuple.of(
                                SummarizeFn.ROW,
                                keyed(
                                        coded(assembled, AssembleFn.VIDEOS, VideoRow.class),
                                        VideoRow.class,
                                        VideoRow::videoId))
                        .and(
                                SummarizeFn.FEATURES,
                                keyed(shotFeatures, ShotFeatures.class, ShotFeatures::videoId))
                        .apply("join rows and shots", CoGroupByKey.create())
                        .apply(
                                "summarize video",
                                ParDo.of(new SummarizeFn(engines.summarizers()))
                                        .withOutputTags(
                                                SummarizeFn.SUMMARIZED,
                                                TupleTagList.of(SummarizeFn.SCENES)
                                                        .and(Outputs.FAILURES)));
        PCollectionTuple finals =
                byVideo(
                                coded(summarized, SummarizeFn.SUMMARIZED, SummarizedVideo.class),
                                SummarizedVideo.class,
                                SummarizedVideo::org)
                        .apply(
                                "find duplicate videos",
                                ParDo.of(new DuplicatesFn(engines.matchers()))
                                        .withOutputTags(
                                                DuplicatesFn.FINAL,
                                                TupleTagList.of(Outputs.FAILURES)));

        // 9. Clusters of shots per organisation and event-time window.
        PCollectionTuple clustered =
                shotFeatures
                        .apply(
                                "key shots by organisation",
                                WithKeys.of((ShotFeatures s) -> s.org())
                                        .withKeyType(TypeDescriptors.strings()))
                        .setCoder(
                                KvCoder.of(StringUtf8Coder.of(), Outputs.coder(ShotFeatures.class)))
                        .apply("group shots by organisation", GroupByKey.create())
                        .apply(
                                "cluster shots",
                                ParDo.of(
                                                new ClusterShotsFn(
                                                        engines.clusterers(),
                                                        engines.aggregate().window().toMillis(),
                                                        engines.aggregate().memory().toMillis()))
                                        .withOutputTags(
                                                ClusterShotsFn.CLUSTERS,
                                                TupleTagList.of(ClusterShotsFn.MEMBERS)
                                                        .and(Outputs.FAILURES)));
        PCollection<ClusterMemberRow> clusterMembers =
                coded(clustered, ClusterShotsFn.MEMBERS, ClusterMemberRow.class);

        // 10. The tables: every video once (ok or failed), every failure once.
        PCollection<VideoRow> videoRows =
                PCollectionList.of(coded(finals, DuplicatesFn.FINAL, VideoRow.class))
                        .and(coded(planned, Outputs.FAILED_VIDEOS, VideoRow.class))
                        .and(coded(stitched, Outputs.FAILED_VIDEOS, VideoRow.class))
                        .and(coded(collected, Outputs.FAILED_VIDEOS, VideoRow.class))
                        .apply("all videos", Flatten.pCollections());
        PCollectionList<FailureRow> failureLists =
                PCollectionList.of(coded(planned, Outputs.FAILURES, FailureRow.class))
                        .and(coded(stitched, Outputs.FAILURES, FailureRow.class))
                        .and(coded(collected, Outputs.FAILURES, FailureRow.class))
                        .and(coded(read, Outputs.FAILURES, FailureRow.class))
                        .and(coded(embedded, Outputs.FAILURES, FailureRow.class))
                        .and(coded(summarized, Outputs.FAILURES, FailureRow.class))
                        .and(coded(finals, Outputs.FAILURES, FailureRow.class))
                        .and(coded(clustered, Outputs.FAILURES, FailureRow.class));
        if (described != null) {
            failureLists = failureLists.and(coded(described, Outputs.FAILURES, FailureRow.class));
        }
        PCollection<ShotRow> shots = coded(assembled, AssembleFn.SHOTS, ShotRow.class);
        PCollection<FrameRow> frames = coded(embedded, EmbedFramesFn.EMBEDDED, FrameRow.class);
        // 11. The search indices, when es.url is set; what Elasticsearch rejects is a failure.
        if (engines.es() != null) {
            failureLists =
                    failureLists.and(
                            SearchIndices.attach(
                                    engines.es(), videoRows, shots, frames, clusterMembers));
        }
        PCollection<FailureRow> failures =
                failureLists
                        .apply("all failures", Flatten.pCollections())
                        .apply("count failures", ParDo.of(new CountFailuresFn()))
                        .setCoder(Outputs.coder(FailureRow.class));
        ParquetTable.write(videoRows, Tables.VIDEOS, out);
        ParquetTable.write(shots, Tables.SHOTS, out);
        ParquetTable.write(frames, Tables.FRAMES, out);
        ParquetTable.write(coded(assembled, AssembleFn.TEXTS, TextRow.class), Tables.TEXTS, out);
        ParquetTable.write(
                coded(summarized, SummarizeFn.SCENES, SceneRow.class), Tables.SCENES, out);
        ParquetTable.write(
                coded(clustered, ClusterShotsFn.CLUSTERS, ClusterRow.class), Tables.CLUSTERS, out);
        ParquetTable.write(clusterMembers, Tables.CLUSTER_MEMBERS, out);
        ParquetTable.write(failures, Tables.FAILURES, out);
        if (described != null) {
            ParquetTable.write(
                    coded(described, DescribeKeyframesFn.LLM_CALLS, LlmCallRow.class),
                    Tables.LLM_CALLS,
                    out);
        }
    }

    /** The dead-letter outputs of a step that can fail a whole video. */
    private static TupleTagList deadLetters() {
        return TupleTagList.of(Outputs.FAILURES).and(Outputs.FAILED_VIDEOS);
    }

    /** One output of a multi-output step, with its coder. */
    private static <T extends Serializable> PCollection<T> coded(
            PCollectionTuple outputs, TupleTag<T> tag, Class<T> type) {
        return outputs.get(tag).setCoder(Outputs.coder(type));
    }

    private static <T extends Serializable> PCollection<KV<String, T>> keyed(
            PCollection<T> items, Class<T> type, SerializableFunction<T, String> key) {
        return items.apply(
                        "key " + type.getSimpleName() + " " + items.getName(),
                        WithKeys.of(key).withKeyType(TypeDescriptors.strings()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), Outputs.coder(type)));
    }

    /** All of a key's items together: a video's parts, as the Flink operators' keyed state. */
    private static <T extends Serializable> PCollection<KV<String, Iterable<T>>> byVideo(
            PCollection<T> items, Class<T> type, SerializableFunction<T, String> key) {
        return keyed(items, type, key)
                .apply(
                        "group " + type.getSimpleName() + " " + items.getName(),
                        GroupByKey.create());
    }
}
