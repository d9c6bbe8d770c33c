package io.framewise.pipeline.shots;

import java.io.Serializable;
import java.util.List;

/**
 * How one video is cut into independently decodable segments, from probing its container.
 *
 * <p>Segments start at keyframes and cover consecutive ranges of presentation timestamps, so that
 * separate threads (or Flink subtasks) can decode them and a stitch step can join the results.
 *
 * @param video the path or URI the video is read from
 * @param width display width (rotation applied)
 * @param height display height (rotation applied)
 * @param rotation clockwise display rotation in degrees
 * @param fps nominal frame rate
 * @param timeBase unit of the stream's timestamps
 * @param announcedFrames frames the container announces, or -1 when it does not say
 * @param announcedMs duration the container announces, or -1 when it does not say
 * @param codec decoder name
 * @param container demuxer name
 * @param segments at least one; in presentation order
 */
public record SegmentPlan(
        String video,
        int width,
        int height,
        int rotation,
        Rational fps,
        Rational timeBase,
        long announcedFrames,
        long announcedMs,
        String codec,
        String container,
        List<Segment> segments)
        implements Serializable {

    public SegmentPlan {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one segment");
        }
    }

    /**
     * The same plan, read from another copy of the video: the local file a subtask fetched the
     * video into, which may differ from where the plan was made.
     */
    public SegmentPlan readFrom(String copy) {
        if (copy.equals(video)) {
            return this;
        }
        return new SegmentPlan(
                copy,
                width,
                height,
                rotation,
                fps,
                timeBase,
                announcedFrames,
                announcedMs,
                codec,
                container,
                segments);
    }

    /**
     * Roughly how long segment {@code i} is, in time-base ticks: an open start counts from 0, an
     * open end runs to the announced duration ({@link Long#MAX_VALUE} when none is announced).
     */
    public long span(int i) {
        Segment s = segments.get(i);
        long start = s.startPts() == Long.MIN_VALUE ? 0 : s.startPts();
        if (s.endPts() != Long.MAX_VALUE) {
            return s.endPts() - start;
        }
        if (announcedMs < 0) {
            return Long.MAX_VALUE;
        }
        long end = Math.round(announcedMs / 1000.0 * timeBase.den() / timeBase.num());
        return Math.max(0, end - start);
    }

    /**
     * Frames with {@code startPts <= pts < endPts} belong to this segment.
     *
     * @param index position in the plan
     * @param seekTimestamp where the demuxer seeks to reach the segment's keyframe (the index's
     *     timestamp, which for many containers is a decode timestamp), or {@link Long#MIN_VALUE} to
     *     read from the start
     * @param startPts first presentation timestamp of the segment ({@link Long#MIN_VALUE}: open)
     * @param endPts presentation timestamp where the next segment starts ({@link Long#MAX_VALUE}:
     *     open)
     */
    public record Segment(int index, long seekTimestamp, long startPts, long endPts)
            implements Serializable {}
}
