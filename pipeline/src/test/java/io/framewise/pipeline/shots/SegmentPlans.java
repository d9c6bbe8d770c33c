package io.framewise.pipeline.shots;

import io.framewise.pipeline.shots.SegmentPlan.Segment;
import java.util.List;

/** Segment plans for tests. */
public final class SegmentPlans {

    private SegmentPlans() {}

    /**
     * Video {@code v}: 64x36, 25 fps, a time base of 1/250, 300 frames, {@code announcedMs} long as
     * its container says (-1: not said), in {@code segments}.
     */
    public static SegmentPlan of(long announcedMs, List<Segment> segments) {
        return new SegmentPlan(
                "v",
                64,
                36,
                0,
                new Rational(25, 1),
                new Rational(1, 250),
                300,
                announcedMs,
                "h264",
                "mp4",
                segments);
    }

    /** {@code plan} with other segments. */
    public static SegmentPlan withSegments(SegmentPlan plan, List<Segment> segments) {
        return new SegmentPlan(
                plan.video(),
                plan.width(),
                plan.height(),
                plan.rotation(),
                plan.fps(),
                plan.timeBase(),
                plan.announcedFrames(),
                plan.announcedMs(),
                plan.codec(),
                plan.container(),
                segments);
    }
}
