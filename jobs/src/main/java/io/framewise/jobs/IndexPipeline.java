package io.framewise.jobs;

import io.framewise.connectors.files.FileSystemKeyframeStore;
import io.framewise.connectors.parquet.ParquetSinks;
import io.framewise.connectors.parquet.Tables;
import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.job.IndexVideosJob;
import io.framewise.pipeline.job.Outputs;
import io.framewise.pipeline.job.VideoFetcher;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.text.OcrConfig;
import io.framewise.udfs.shots.FfmpegKeyframeExtractor;
import io.framewise.udfs.shots.FfmpegShotDetector;
import io.framewise.udfs.text.TesseractRecognizer;
import java.util.Properties;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The one place that turns settings into the indexing job's engines and attaches its sinks, for
 * every entry point (local index, backfill, streaming), so they all run the same graph.
 */
public final class IndexPipeline {

    /** Stable uids of the table sinks (their pending files are in checkpoints). */
    public static final String UID_SINK_PREFIX = "table-";

    private IndexPipeline() {}

    /**
     * The indexing job with the real engines.
     *
     * @param settings {@code shots.*}, {@code keyframes.*} and {@code ocr.*} settings
     * @param out the output root (a local directory or a URI such as {@code s3://bucket/run}),
     *     where the keyframe pictures go
     * @param parallelism decoding subtasks: a video is cut into this many segments
     * @param fetchers how the videos' bytes become local files
     */
    public static IndexVideosJob job(
            Properties settings, String out, int parallelism, VideoFetcher.Factory fetchers) {
        ShotDetectionConfig shots = ShotDetectionConfig.from(settings);
        KeyframeConfig keyframes = KeyframeConfig.from(settings);
        OcrConfig ocr = OcrConfig.from(settings);
        // Each decoding subtask decodes one segment at a time: parallelism comes from subtasks.
        ShotDetectionConfig perSubtask = shots.withSegments(Math.max(1, parallelism));
        return new IndexVideosJob(
                FfmpegShotDetector.factory(perSubtask),
                FfmpegKeyframeExtractor.factory(keyframes, shots),
                TesseractRecognizer.factory(ocr),
                FileSystemKeyframeStore.forOutput(out, keyframes.jpegQuality()),
                fetchers);
    }

    /**
     * Writes the tables under {@code out}: the job's outputs, and failure rows from elsewhere (the
     * sources' malformed events) into the same {@code failures} table.
     */
    public static void sinks(Outputs outputs, DataStream<FailureRow> moreFailures, String out) {
        DataStream<FailureRow> failures =
                moreFailures == null ? outputs.failures() : outputs.failures().union(moreFailures);
        outputs.videos()
                .sinkTo(ParquetSinks.of(Tables.VIDEOS, out))
                .name("videos table")
                .uid(UID_SINK_PREFIX + "videos");
        outputs.shots()
                .sinkTo(ParquetSinks.of(Tables.SHOTS, out))
                .name("shots table")
                .uid(UID_SINK_PREFIX + "shots");
        outputs.frames()
                .sinkTo(ParquetSinks.of(Tables.FRAMES, out))
                .name("frames table")
                .uid(UID_SINK_PREFIX + "frames");
        outputs.texts()
                .sinkTo(ParquetSinks.of(Tables.TEXTS, out))
                .name("texts table")
                .uid(UID_SINK_PREFIX + "texts");
        failures.sinkTo(ParquetSinks.of(Tables.FAILURES, out))
                .name("failures table")
                .uid(UID_SINK_PREFIX + "failures");
    }
}
