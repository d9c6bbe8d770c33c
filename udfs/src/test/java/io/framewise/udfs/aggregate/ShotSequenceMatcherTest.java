package io.framewise.udfs.aggregate;

import static io.framewise.udfs.aggregate.TestShots.flip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.VideoSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShotSequenceMatcherTest {

    private final ShotSequenceMatcher matcher = new ShotSequenceMatcher(10, 0.8);

    /** A video of shots with the given pHashes and durations. */
    private static VideoSignature video(String id, long[] phashes, long[] durations) {
        List<ShotFeatures> shots = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < phashes.length; i++) {
            shots.add(TestShots.shot(id, i, at, at + durations[i], phashes[i], 0, null));
            at += durations[i];
        }
        return VideoSignature.of(id, shots);
    }

    private static long[] randomHashes(int n, long seed) {
        Random r = new Random(seed);
        long[] h = new long[n];
        for (int i = 0; i < n; i++) {
            h[i] = r.nextLong();
        }
        return h;
    }

    private static long[] durations(int n, long ms) {
        long[] d = new long[n];
        java.util.Arrays.fill(d, ms);
        return d;
    }

    @Test
    void aReencodedCopyIsANearDuplicate() {
        long[] h = randomHashes(8, 1);
        long[] copy = h.clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] = flip(copy[i], 4);
        }
        long[] d = durations(8, 3000);
        long[] slightlyOff = d.clone();
        slightlyOff[3] += 400;
        assertThat(matcher.nearDuplicates(video("a", h, d), video("b", copy, slightlyOff)))
                .isTrue();
    }

    @Test
    void aCopyWithAShotCutOffStillMatches() {
        long[] h = randomHashes(10, 2);
        long[] trimmed = java.util.Arrays.copyOfRange(h, 1, 10);
        VideoSignature a = video("a", h, durations(10, 3000));
        VideoSignature b = video("b", trimmed, durations(9, 3000));
        assertThat(matcher.similarity(a, b)).isCloseTo(18 / 19.0, within(1e-9));
        assertThat(matcher.nearDuplicates(a, b)).isTrue();
    }

    @Test
    void differentVideosOrAVideoContainingAFewShotsOfAnotherDoNotMatch() {
        long[] h = randomHashes(10, 3);
        assertThat(
                        matcher.nearDuplicates(
                                video("a", h, durations(10, 3000)),
                                video("b", randomHashes(10, 4), durations(10, 3000))))
                .isFalse();
        long[] part = java.util.Arrays.copyOfRange(h, 0, 3);
        assertThat(
                        matcher.nearDuplicates(
                                video("a", h, durations(10, 3000)),
                                video("b", part, durations(3, 3000))))
                .isFalse();
    }

    @Test
    void theSamePicturesForDifferentLengthsAreNotTheSameShots() {
        long[] h = randomHashes(4, 5);
        assertThat(
                        matcher.nearDuplicates(
                                video("a", h, durations(4, 3000)),
                                video("b", h, durations(4, 9000))))
                .isFalse();
    }

    @Test
    void shotsInAnotherOrderMatchOnlyAsFarAsTheirOrderAllows() {
        long[] h = randomHashes(6, 6);
        long[] reversed = new long[6];
        for (int i = 0; i < 6; i++) {
            reversed[i] = h[5 - i];
        }
        VideoSignature a = video("a", h, durations(6, 3000));
        VideoSignature b = video("b", reversed, durations(6, 3000));
        assertThat(matcher.similarity(a, b)).isCloseTo(2 / 12.0, within(1e-9));
        assertThat(matcher.nearDuplicates(a, b)).isFalse();
    }
}
