package io.framewise.pipeline.shots;

import io.framewise.pipeline.frames.FrameCandidate;
import java.io.Serializable;
import java.util.List;

/**
 * What decoding one segment yields: per-frame features in presentation order, plus the frame
 * signatures at both of its edges so that a stitch step can complete the features of frames that
 * look back across the edge.
 *
 * <p>The feature layout and signature encoding belong to the detector that made them; the pipeline
 * only moves this record from the decoding subtask to the stitching one.
 *
 * @param index the segment's position in its {@link SegmentPlan}
 * @param pts presentation timestamp of each frame
 * @param features {@code pts.length * featureCount} values, frame after frame
 * @param featureCount values per frame
 * @param head signatures of the first frames (up to the detector's look-back)
 * @param tail signatures of the last frames (up to the detector's look-back)
 * @param candidates keyframe candidates measured while decoding, in presentation order (empty when
 *     the detector does not capture them)
 */
public record SegmentFeatures(
        int index,
        long[] pts,
        float[] features,
        int featureCount,
        byte[][] head,
        byte[][] tail,
        List<FrameCandidate> candidates)
        implements Serializable {

    public SegmentFeatures {
        candidates = List.copyOf(candidates);
    }

    /** Features without keyframe candidates. */
    public SegmentFeatures(
            int index,
            long[] pts,
            float[] features,
            int featureCount,
            byte[][] head,
            byte[][] tail) {
        this(index, pts, features, featureCount, head, tail, List.of());
    }

    public int frames() {
        return pts.length;
    }
}
