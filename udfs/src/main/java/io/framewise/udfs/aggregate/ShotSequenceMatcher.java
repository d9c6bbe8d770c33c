package io.framewise.udfs.aggregate;

import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.VideoMatcher;
import io.framewise.pipeline.aggregate.VideoSignature;

/**
 * The {@link VideoMatcher}: two videos are near-duplicates when their shot sequences mostly match,
 * in order.
 *
 * <p>Two shots match when some keyframe pHash of one is within {@code max-distance} bits of some
 * keyframe pHash of the other (re-encoding and resizing move a pHash by a few bits) and their
 * durations differ by at most a quarter or one second. The videos' similarity is the longest common
 * subsequence of matching shots, {@code 2 * LCS / (shots of one + shots of the other)}, so a copy
 * with a shot cut off or an intro added still matches, while one video that merely contains the
 * other's few shots does not. Comparing takes {@code shots x shots} steps.
 */
public final class ShotSequenceMatcher implements VideoMatcher {

    static final long DURATION_SLACK_MS = 1000;
    static final double DURATION_SLACK_SHARE = 0.25;

    private final int maxDistance;
    private final double minSimilarity;

    public ShotSequenceMatcher(int maxDistance, double minSimilarity) {
        this.maxDistance = maxDistance;
        this.minSimilarity = minSimilarity;
    }

    /** A serializable factory for operators. */
    public static VideoMatcher.Factory factory(AggregateConfig config) {
        int distance = config.duplicateDistance();
        double similarity = config.duplicateSimilarity();
        return () -> new ShotSequenceMatcher(distance, similarity);
    }

    @Override
    public boolean nearDuplicates(VideoSignature a, VideoSignature b) {
        int n = a.shots();
        int m = b.shots();
        if (n == 0 || m == 0 || 2.0 * Math.min(n, m) / (n + m) < minSimilarity) {
            return false;
        }
        return similarity(a, b) >= minSimilarity;
    }

    /** {@code 2 * LCS / (n + m)} of the two shot sequences, 0-1. */
    double similarity(VideoSignature a, VideoSignature b) {
        int n = a.shots();
        int m = b.shots();
        long[][] pa = new long[n][];
        long[][] pb = new long[m][];
        for (int i = 0; i < n; i++) {
            pa[i] = a.phashesOf(i);
        }
        for (int j = 0; j < m; j++) {
            pb[j] = b.phashesOf(j);
        }
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                if (shotsMatch(
                        pa[i - 1], a.durationsMs()[i - 1], pb[j - 1], b.durationsMs()[j - 1])) {
                    current[j] = previous[j - 1] + 1;
                } else {
                    current[j] = Math.max(previous[j], current[j - 1]);
                }
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return 2.0 * previous[m] / (n + m);
    }

    private boolean shotsMatch(long[] ha, long da, long[] hb, long db) {
        long slack = Math.max(DURATION_SLACK_MS, (long) (DURATION_SLACK_SHARE * Math.max(da, db)));
        if (Math.abs(da - db) > slack) {
            return false;
        }
        for (long x : ha) {
            for (long y : hb) {
                if (Long.bitCount(x ^ y) <= maxDistance) {
                    return true;
                }
            }
        }
        return false;
    }
}
