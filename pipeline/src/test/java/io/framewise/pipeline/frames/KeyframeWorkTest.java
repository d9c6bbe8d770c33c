package io.framewise.pipeline.frames;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.shots.Rational;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.SegmentPlan.Segment;
import io.framewise.pipeline.shots.SegmentPlans;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.VideoInfo;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Splitting keyframe work by segment, and dropping repeats across shots afterwards. */
class KeyframeWorkTest {

    /** 300 frames at pts 10*n; shots start at frames 0, 40, 90, 250. */
    static ShotDetection detection() {
        VideoInfo info =
                new VideoInfo("v", 64, 36, 0, new Rational(25, 1), 300, 12000, "h264", "mp4");
        List<Shot> shots =
                List.of(
                        new Shot(0, 0, 39, 0, 1600),
                        new Shot(1, 40, 89, 1600, 3600),
                        new Shot(2, 90, 249, 3600, 10000),
                        new Shot(3, 250, 299, 10000, 12000));
        return new ShotDetection(
                info,
                List.of(),
                List.of(),
                shots,
                LongStream.range(0, 300).map(n -> n * 10).toArray(),
                new float[300]);
    }

    static SegmentPlan plan(long... starts) {
        List<Segment> segments = new java.util.ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            long end = i + 1 < starts.length ? starts[i + 1] : Long.MAX_VALUE;
            segments.add(
                    new Segment(
                            i,
                            i == 0 ? Long.MIN_VALUE : starts[i] - 5,
                            i == 0 ? Long.MIN_VALUE : starts[i],
                            end));
        }
        return SegmentPlans.of(12000, segments);
    }

    @Test
    void shotsGoToTheSegmentTheyBeginIn() {
        // Segments start at pts 0, 500 (frame 50), 1000 (frame 100), 2000 (frame 200).
        List<KeyframeWork> parts = KeyframeWork.split(detection(), plan(0, 500, 1000, 2000));
        // Frame 0 -> segment 0 (shots 0, 1); frame 90 -> segment 1 (shot 2); segment 2 has no
        // shot start; frame 250 -> segment 3 (shot 3).
        assertThat(parts)
                .containsExactly(
                        new KeyframeWork(0, 3, Long.MIN_VALUE, 0, 1),
                        new KeyframeWork(1, 3, 495, 2, 2),
                        new KeyframeWork(2, 3, 1995, 3, 3));
    }

    @Test
    void oneSegmentIsTheWholeVideo() {
        assertThat(KeyframeWork.split(detection(), plan(0)))
                .containsExactly(KeyframeWork.whole(detection()));
    }

    static Keyframe keyframe(int shot, long frame, double score, long phash) {
        return new Keyframe(
                "v",
                shot,
                frame,
                frame * 40,
                "",
                phash,
                new KeyframeQuality(1, 1, 1, score),
                null,
                0.0);
    }

    @Test
    void repeatsOfEarlierShotsAreDroppedButEveryShotKeepsOne() {
        List<Keyframe> chosen =
                List.of(
                        keyframe(0, 5, 0.5, 0xF0F0L),
                        // Shot 1 repeats shot 0 (2 bits away): it keeps it, being its only one.
                        keyframe(1, 50, 0.5, 0xF0F3L),
                        // Shot 2: its best repeats shot 0, its other one is new: only that stays.
                        keyframe(2, 90, 0.9, 0xF0F0L),
                        keyframe(2, 95, 0.3, 0xFFFF0000L),
                        // Shot 3: both repeat earlier shots: the best-scoring one stays.
                        keyframe(3, 120, 0.2, 0xF0F1L),
                        keyframe(3, 130, 0.7, 0xFFFF0001L));
        // Given out of order, as parts arrive.
        List<Keyframe> shuffled = new java.util.ArrayList<>(chosen);
        java.util.Collections.reverse(shuffled);
        assertThat(RepeatedKeyframes.drop(shuffled, 6))
                .extracting(Keyframe::frame)
                .containsExactly(5L, 50L, 95L, 130L);
    }

    @Test
    void motionIsTheMeanChangeAroundAFrameWithinItsShot() {
        float[] change = new float[300];
        java.util.Arrays.fill(change, 0, 40, 0.5f);
        change[40] = 1f; // the cut into shot 1 does not count as motion
        ShotDetection d =
                new ShotDetection(
                        detection().info(),
                        List.of(),
                        List.of(),
                        detection().shots(),
                        detection().pts(),
                        change);
        assertThat(d.motionAround(d.shots().get(0), 20, 6)).isEqualTo(0.5);
        assertThat(d.motionAround(d.shots().get(1), 42, 6)).isZero();
        // Frame 0 is the first of its shot: frames 1-6 only.
        assertThat(d.motionAround(d.shots().get(0), 0, 6)).isEqualTo(0.5);
    }
}
