package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.shots.GradualTransition;
import io.framewise.pipeline.shots.GradualTransition.Kind;
import io.framewise.pipeline.shots.HardCut;
import io.framewise.pipeline.shots.Rational;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.VideoInfo;
import io.framewise.udfs.shots.KeyframeSelection.Candidate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframePlanTest {

    /** Shots 0-99 (cut at 100), 100-399 (dissolve 100-114), 400-402 (tiny), 403-1302 (30 s). */
    static ShotDetection detection() {
        Rational fps = new Rational(30, 1);
        VideoInfo info = new VideoInfo("v", 640, 360, 0, fps, 1303, 43433, "mpeg4", "mkv");
        List<Shot> shots =
                List.of(
                        new Shot(0, 0, 99, 0, 3333),
                        new Shot(1, 100, 399, 3333, 13333),
                        new Shot(2, 400, 402, 13333, 13433),
                        new Shot(3, 403, 1302, 13433, 43433));
        return new ShotDetection(
                info,
                List.of(new HardCut(400, 13333, "x"), new HardCut(403, 13433, "x")),
                List.of(new GradualTransition(100, 114, Kind.DISSOLVE)),
                shots,
                java.util.stream.LongStream.range(0, 1303).toArray(),
                new float[1303]);
    }

    @Test
    void candidatesAvoidShotEdgesAndTransitions() {
        KeyframePlan plan = KeyframePlan.of(detection(), KeyframeConfig.defaults());
        assertThat(plan.shots()).isEqualTo(4);
        for (long f : plan.candidates(0)) {
            assertThat(f).isBetween(2L, 97L);
        }
        for (long f : plan.candidates(1)) {
            assertThat(f).isBetween(117L, 397L);
        }
        // 3 frames: no frame is 2 away from both ends; the middle one is the fallback's pick.
        assertThat(plan.candidates(2)).isNotEmpty();
        for (long f : plan.candidates(2)) {
            assertThat(f).isBetween(400L, 402L);
        }
        for (long f : plan.candidates(3)) {
            assertThat(f).isBetween(405L, 1300L);
        }
    }

    @Test
    void aboutOneCandidatePerSecondAtLeastFive() {
        KeyframePlan plan = KeyframePlan.of(detection(), KeyframeConfig.defaults());
        assertThat(plan.candidates(0)).hasSize(5); // 96 usable frames: 3.2 s
        assertThat(plan.candidates(1)).hasSize(10); // 281 usable frames: 9.4 s
        assertThat(plan.candidates(3)).hasSize(30); // 896 usable frames: 29.9 s
        long[] c = plan.candidates(3);
        for (int i = 1; i < c.length; i++) {
            assertThat(c[i] - c[i - 1]).isBetween(29L, 31L);
        }
        assertThat(plan.shotOf(c[0])).isEqualTo(3);
        assertThat(plan.shotOf(c[0] + 1)).isEqualTo(-1);
    }

    @Test
    void longShotsAreAllowedMoreKeyframes() {
        KeyframePlan plan = KeyframePlan.of(detection(), KeyframeConfig.defaults());
        assertThat(plan.allowed(0)).isEqualTo(1);
        assertThat(plan.allowed(1)).isEqualTo(2); // 10 s at one more per 10 s
        assertThat(plan.allowed(3)).isEqualTo(4); // 30 s
        KeyframeConfig capped = new KeyframeConfig(640, 6, 5, 3, 85);
        assertThat(KeyframePlan.of(detection(), capped).allowed(3)).isEqualTo(3);
    }

    static Candidate candidate(int shot, long frame, double score, long hash) {
        return new Candidate(shot, frame, frame, new KeyframeQuality(0, 0, 0, score), hash, null);
    }

    @Test
    void selectionTakesTheBestAndMoreOnlyWhereContentChanges() {
        KeyframeSelection selection = new KeyframeSelection(6, 5);
        List<Candidate> still = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            still.add(candidate(0, 10 + i, i == 4 ? 0.9 : 0.5, 0x0FL));
        }
        assertThat(selection.choose(still, 3)).extracting(Candidate::frame).containsExactly(14L);

        List<Candidate> moving = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            // Hashes with disjoint bits are 16 apart; the last window's best is a repeat of the
            // first window's content and is passed over for its runner-up.
            long hash = (0xFFFFL << (16 * (i / 3)));
            moving.add(candidate(1, 100 + i, i == 1 ? 0.9 : 0.5 - 0.01 * i, hash));
        }
        moving.set(6, candidate(1, 106, 0.8, 0xFFFFL));
        assertThat(selection.choose(moving, 3))
                .extracting(Candidate::frame)
                .containsExactly(101L, 103L, 107L);
    }

    static Candidate candidate(int shot, long frame, double score, long hash, int run) {
        return new Candidate(
                shot, frame, frame, new KeyframeQuality(0, 0, 0, score), hash, null, run);
    }

    @Test
    void eachRunBetweenChangesOfContentGetsAKeyframeWhereItShowsSomethingElse() {
        // A 6 s shot allowed one keyframe: three captions over one picture (runs 0, 1, 2; their
        // hashes 16 bits apart), then a flash after which the third caption shows again (run 3,
        // same hash as run 2).
        KeyframeSelection selection = new KeyframeSelection(6, 5);
        List<Candidate> captions = new ArrayList<>();
        long[] hashes = {0x00FFL, 0xFF00L, 0xFF0000L, 0xFF0000L};
        for (int run = 0; run < 4; run++) {
            for (int i = 0; i < 2; i++) {
                long frame = 30 * run + 10 * i;
                captions.add(candidate(0, frame, run == 2 && i == 1 ? 0.9 : 0.5, hashes[run], run));
            }
        }
        assertThat(selection.choose(captions, 1))
                .extracting(Candidate::frame)
                .containsExactly(0L, 30L, 70L);

        // At most keyframes.max-per-shot in a shot, the earlier runs first.
        KeyframeSelection two = new KeyframeSelection(6, 2);
        assertThat(two.choose(captions, 1)).extracting(Candidate::frame).containsExactly(0L, 70L);

        // Without changes of content (one run), nothing is added.
        List<Candidate> oneRun = new ArrayList<>();
        for (Candidate c : captions) {
            oneRun.add(candidate(0, c.frame(), c.quality().score(), c.phash(), 0));
        }
        assertThat(selection.choose(oneRun, 1)).extracting(Candidate::frame).containsExactly(70L);
    }
}
