package io.framewise.pipeline.frames;

import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One independently decodable part of a video's keyframe work: the shots that begin in one segment
 * of its plan, decoded from that segment's seek point (on past the segment's end when its last shot
 * goes on), so that several subtasks pick the keyframes of one long video in parallel.
 *
 * @param part position among the video's parts
 * @param parts how many parts the video has
 * @param seekTimestamp where decoding starts, as in {@link SegmentPlan.Segment#seekTimestamp()}
 * @param firstShot the first shot of this part
 * @param lastShot the last shot of this part
 */
public record KeyframeWork(int part, int parts, long seekTimestamp, int firstShot, int lastShot)
        implements Serializable {

    /**
     * Splits a video's shots by the segment their first frame falls in; segments where no shot
     * begins get no part. A shot belongs to exactly one part, so choosing keyframes per shot gives
     * the same result however the video is split.
     */
    public static List<KeyframeWork> split(ShotDetection detection, SegmentPlan plan) {
        List<long[]> ranges = new ArrayList<>(); // {seekTimestamp, firstShot, lastShot}
        int segment = 0;
        for (Shot shot : detection.shots()) {
            long start = detection.pts()[(int) shot.firstFrame()];
            int s = segment;
            while (s + 1 < plan.segments().size()
                    && start >= plan.segments().get(s + 1).startPts()) {
                s++;
            }
            if (ranges.isEmpty() || s != segment) {
                ranges.add(new long[] {plan.segments().get(s).seekTimestamp(), shot.index(), 0});
                segment = s;
            }
            ranges.get(ranges.size() - 1)[2] = shot.index();
        }
        List<KeyframeWork> parts = new ArrayList<>();
        for (long[] r : ranges) {
            parts.add(new KeyframeWork(parts.size(), ranges.size(), r[0], (int) r[1], (int) r[2]));
        }
        return parts;
    }

    /** The whole video as one part, decoded from its start. */
    public static KeyframeWork whole(ShotDetection detection) {
        return new KeyframeWork(0, 1, Long.MIN_VALUE, 0, detection.shots().size() - 1);
    }
}
