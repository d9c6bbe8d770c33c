package io.framewise.pipeline.shots;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Port: finds the shots of a video.
 *
 * <p>An instance owns native decoder resources and is used by one thread at a time; open it once
 * per operator instance through its {@link Factory} and close it when done. Implementations decode
 * long videos in parallel segments and must return the same result for any number of segments.
 */
public interface ShotDetector extends AutoCloseable {

    /**
     * Detects the hard cuts, gradual transitions and shots of one video.
     *
     * @throws VideoException for input that is not a decodable video, with a one-line reason
     */
    ShotDetection detect(Path video) throws VideoException;

    /** Probes a video and plans its segments (the first of the three steps of {@link #detect}). */
    SegmentPlan plan(Path video) throws VideoException;

    /** Decodes one segment of a plan; any thread or subtask may decode any segment. */
    SegmentFeatures decode(SegmentPlan plan, int segment) throws VideoException;

    /** Joins all segments of a plan, in any order, into the video's shots. */
    ShotDetection stitch(SegmentPlan plan, List<SegmentFeatures> segments) throws VideoException;

    /**
     * The shots of a plan's first segments ({@code first}: segments 0 to k, in any order), as far
     * as they go, for choosing the keyframes of the shots they settle while later segments still
     * decode; empty where the detector cannot tell (then only {@link #stitch} does).
     */
    default Optional<ShotDetection> stitchSoFar(SegmentPlan plan, List<SegmentFeatures> first) {
        return Optional.empty();
    }

    @Override
    void close();

    /** Serializable configuration that creates a detector where it runs (once per instance). */
    @FunctionalInterface
    interface Factory extends Serializable {
        ShotDetector create();
    }
}
