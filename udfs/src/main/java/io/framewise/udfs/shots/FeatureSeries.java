package io.framewise.udfs.shots;

import io.framewise.pipeline.shots.SegmentFeatures;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The features of every frame of a video, in presentation order, joined from its segments.
 *
 * <p>Joining recomputes the features of each segment's first frames with the previous segment's
 * tail as their history, because the segment's own decoder could not see across its edge. Since a
 * frame's features depend only on the {@link Features#LOOK_BACK} signatures before it, the joined
 * series is the same as one decoded in a single piece.
 */
final class FeatureSeries {

    final long[] pts;
    final float[] values;
    final int frames;

    private FeatureSeries(long[] pts, float[] values) {
        this.pts = pts;
        this.values = values;
        this.frames = pts.length;
    }

    float get(int frame, int feature) {
        return values[frame * Features.COUNT + feature];
    }

    /** The distance between frame {@code frame} and the one {@code lag} frames before it. */
    float distance(int frame, int lag) {
        return get(frame, Features.lag(lag));
    }

    static FeatureSeries join(List<SegmentFeatures> segments) {
        List<SegmentFeatures> ordered = new ArrayList<>(segments);
        ordered.sort(Comparator.comparingInt(SegmentFeatures::index));
        int total = 0;
        for (SegmentFeatures s : ordered) {
            if (s.featureCount() != Features.COUNT) {
                throw new IllegalArgumentException(
                        "segment " + s.index() + " has " + s.featureCount() + " features a frame");
            }
            total += s.frames();
        }
        long[] pts = new long[total];
        float[] values = new float[total * Features.COUNT];
        FeatureExtractor extractor = new FeatureExtractor();
        ArrayDeque<byte[]> history = new ArrayDeque<>();
        int at = 0;
        for (SegmentFeatures s : ordered) {
            System.arraycopy(s.pts(), 0, pts, at, s.frames());
            System.arraycopy(s.features(), 0, values, at * Features.COUNT, s.features().length);
            extractor.reset(history);
            for (int i = 0; i < s.head().length; i++) {
                extractor.next(s.head()[i], values, (at + i) * Features.COUNT);
            }
            // The look-back for the next segment: this segment's tail, topped up from before it
            // when the segment is shorter than the look-back.
            if (s.frames() < Features.LOOK_BACK) {
                for (byte[] sig : s.tail()) {
                    history.addLast(sig);
                }
                while (history.size() > Features.LOOK_BACK) {
                    history.removeFirst();
                }
            } else {
                history.clear();
                for (byte[] sig : s.tail()) {
                    history.addLast(sig);
                }
            }
            at += s.frames();
        }
        return new FeatureSeries(pts, values);
    }
}
