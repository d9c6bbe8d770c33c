package io.framewise.pipeline.job;

import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.job.Messages.KeyframeDone;
import io.framewise.pipeline.job.Messages.KeyframeTask;
import io.framewise.pipeline.job.Messages.KeyframeWorkTask;
import io.framewise.pipeline.job.Messages.KeyframesChosen;
import io.framewise.pipeline.job.Messages.SegmentDone;
import io.framewise.pipeline.job.Messages.SegmentTask;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.text.TextRecognizer;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The indexing job's graph: video references in, the {@code videos}, {@code shots}, {@code frames}
 * and {@code failures} tables out.
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
    public static final String UID_COUNT_FAILURES = "count-failures";

    private final ShotDetector.Factory detectors;
    private final KeyframeExtractor.Factory extractors;
    private final TextRecognizer.Factory recognizers;
    private final KeyframeStore.Factory stores;
    private final VideoFetcher.Factory fetchers;

    /** The job over local files only. */
    public IndexVideosJob(
            ShotDetector.Factory detectors,
            KeyframeExtractor.Factory extractors,
            TextRecognizer.Factory recognizers,
            KeyframeStore.Factory stores) {
        this(detectors, extractors, recognizers, stores, VideoFetcher.localFiles());
    }

    /** The job over videos that {@code fetchers} make local (object storage, HTTP). */
    public IndexVideosJob(
            ShotDetector.Factory detectors,
            KeyframeExtractor.Factory extractors,
            TextRecognizer.Factory recognizers,
            KeyframeStore.Factory stores,
            VideoFetcher.Factory fetchers) {
        this.detectors = detectors;
        this.extractors = extractors;
        this.recognizers = recognizers;
        this.stores = stores;
        this.fetchers = fetchers;
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
                        .process(new StitchSegments(detectors))
                        .name("stitch shots")
                        .uid(UID_STITCH);
        // 4. Keyframes: each part decoded on any subtask, the parts collected per video; then
        // text and pictures per keyframe, in parallel.
        SingleOutputStreamOperator<KeyframesChosen> chosen =
                stitched.rebalance()
                        .process(new DecodeKeyframes(extractors, fetchers))
                        .name("decode keyframes")
                        .uid(UID_DECODE_KEYFRAMES);
        SingleOutputStreamOperator<KeyframeTask> keyframes =
                chosen.keyBy(part -> part.video().videoId())
                        .process(new CollectKeyframes(extractors))
                        .name("collect keyframes")
                        .uid(UID_COLLECT_KEYFRAMES);
        SingleOutputStreamOperator<KeyframeDone> read =
                keyframes
                        .rebalance()
                        .process(new ReadKeyframe(recognizers, stores))
                        .name("ocr and store keyframe")
                        .uid(UID_READ);
        // 5. Assemble each video's rows once all its keyframes are in.
        SingleOutputStreamOperator<VideoRow> assembled =
                read.keyBy(done -> done.video().videoId())
                        .process(new AssembleVideo())
                        .name("assemble video")
                        .uid(UID_ASSEMBLE);

        DataStream<VideoRow> videoRows =
                assembled.union(
                        planned.getSideOutput(Tags.FAILED_VIDEOS),
                        stitched.getSideOutput(Tags.FAILED_VIDEOS),
                        keyframes.getSideOutput(Tags.FAILED_VIDEOS));
        DataStream<FailureRow> failures =
                planned.getSideOutput(Tags.FAILURES)
                        .union(
                                stitched.getSideOutput(Tags.FAILURES),
                                keyframes.getSideOutput(Tags.FAILURES),
                                read.getSideOutput(Tags.FAILURES));
        // Every failure row is counted once on its way out (metric framewise.errors).
        DataStream<FailureRow> counted =
                failures.map(new CountFailures()).name("count failures").uid(UID_COUNT_FAILURES);
        return new Outputs(
                videoRows,
                assembled.getSideOutput(Tags.SHOTS),
                assembled.getSideOutput(Tags.FRAMES),
                assembled.getSideOutput(Tags.TEXTS),
                counted);
    }
}
