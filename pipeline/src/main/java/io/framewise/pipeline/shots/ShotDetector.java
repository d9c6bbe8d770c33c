package io.framewise.pipeline.shots;

import java.io.Serializable;
import java.nio.file.Path;

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
    ShotDetection stitch(SegmentPlan plan, java.util.List<SegmentFeatures> segments)
            throws VideoException;

    @Override
    void close();

    /** Serializable configuration that creates a detector where it runs (once per instance). */
    @FunctionalInterface
    interface Factory extends Serializable {
        ShotDetector create();
    }
}
