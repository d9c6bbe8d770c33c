package io.framewise.pipeline.aggregate;

import java.io.Serializable;
import java.util.List;

/**
 * A video's shot sequence as near-duplicate detection compares it: per shot, in order, its duration
 * and the pHashes of its keyframes.
 *
 * @param phashes the keyframes' pHashes of all shots, shot after shot
 * @param firstPhash where each shot's pHashes begin in {@code phashes}
 * @param durationsMs each shot's duration
 */
public record VideoSignature(String videoId, long[] phashes, int[] firstPhash, long[] durationsMs)
        implements Serializable {

    /** The signature of a video's shots, given in shot order. */
    public static VideoSignature of(String videoId, List<ShotFeatures> shots) {
        int total = 0;
        for (ShotFeatures s : shots) {
            total += s.keyframePhashes().length;
        }
        long[] phashes = new long[total];
        int[] first = new int[shots.size()];
        long[] durations = new long[shots.size()];
        int at = 0;
        for (int i = 0; i < shots.size(); i++) {
            long[] own = shots.get(i).keyframePhashes();
            first[i] = at;
            System.arraycopy(own, 0, phashes, at, own.length);
            at += own.length;
            durations[i] = shots.get(i).durationMs();
        }
        return new VideoSignature(videoId, phashes, first, durations);
    }

    public int shots() {
        return durationsMs.length;
    }

    /** The pHashes of shot {@code i}'s keyframes. */
    public long[] phashesOf(int i) {
        int end = i + 1 < firstPhash.length ? firstPhash[i + 1] : phashes.length;
        return java.util.Arrays.copyOfRange(phashes, firstPhash[i], end);
    }
}
